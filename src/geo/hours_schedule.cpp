#include "geo/hours_schedule.h"

#include <variant>

#include "hours/opening_hours.h"

namespace relais::geo {

namespace {
class OsmSchedule final : public OpenSchedule {
 public:
  explicit OsmSchedule(hours::OpeningHours hours) : hours_(std::move(hours)) {}
  const hours::OpeningHours& hours() const { return hours_; }
  bool is_open(sys_seconds t) const override { return hours_.is_open(t); }
  bool is_open_during(sys_seconds from, sys_seconds to) const override {
    if (hours_.is_open(from)) return true;
    const auto change = hours_.next_change(from);
    return change && *change < to;
  }

 private:
  hours::OpeningHours hours_;
};
}  // namespace

std::shared_ptr<const OpenSchedule> compile_schedule(std::string_view horaires) {
  auto parsed = hours::parse(horaires);
  if (auto* oh = std::get_if<hours::OpeningHours>(&parsed)) return std::make_shared<OsmSchedule>(std::move(*oh));
  return nullptr;
}

const hours::OpeningHours* opening_hours_of(const OpenSchedule* schedule) {
  auto* osm = dynamic_cast<const OsmSchedule*>(schedule);
  return osm ? &osm->hours() : nullptr;
}

}  // namespace relais::geo
