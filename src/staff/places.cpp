// The places' records kept fresh by their teams (staff/places.h).
#include "staff/places.h"

namespace relais::staff {

api::Response handle_places(const Page& page, std::string_view route) {
  (void)route;
  return error(page, 404, "Cette page n’existe pas.");
}

}  // namespace relais::staff
