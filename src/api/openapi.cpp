#include "api/openapi.h"

#include "api/places_query.h"
#include "api/representation.h"

namespace relais::api {
namespace {

using nlohmann::json;

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json nullable(json type) {
  type["nullable"] = true;
  return type;
}
json str() { return {{"type", "string"}}; }
json integer() { return {{"type", "integer"}, {"minimum", 0}}; }
json number() { return {{"type", "number"}}; }
json boolean() { return {{"type", "boolean"}}; }
json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

json object(json properties, bool all_required = true) {
  json out{{"type", "object"}, {"properties", properties}};
  if (all_required) {
    json required = json::array();
    for (auto it = properties.begin(); it != properties.end(); ++it) required.push_back(it.key());
    out["required"] = required;
  }
  return out;
}

json query_param(const std::string& name, const std::string& description, json schema, json example,
                 bool required = false) {
  return {{"name", name},     {"in", "query"},       {"description", description}, {"required", required},
          {"schema", schema}, {"example", example}};
}

json path_param(const std::string& name, const std::string& description, json example) {
  return {{"name", name}, {"in", "path"}, {"required", true}, {"description", description},
          {"schema", str()}, {"example", example}};
}

json error_responses(std::initializer_list<int> statuses) {
  json out = json::object();
  for (int status : statuses) {
    out[std::to_string(status)] = {{"description", "Erreur {code, message}"},
                                   {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  }
  return out;
}

json ok(const std::string& description, const std::string& schema, const std::string& type = "application/json") {
  return {{"description", description}, {"content", {{type, {{"schema", ref(schema)}}}}}};
}

json place_schema() {
  json labels_list = array_of(str());
  json properties{
      {"ref", str()},
      {"id", str()},
      {"sources", array_of(object({{"source", str()}, {"id", str()}}))},
      {"pivot", str()},
      {"nom", str()},
      {"adresse", str()},
      {"complement_adresse", nullable(str())},
      {"code_postal", str()},
      {"commune", str()},
      {"code_insee", nullable(str())},
      {"epci", nullable(str())},
      {"departement", nullable(str())},
      {"region", nullable(str())},
      {"latitude", nullable(number())},
      {"longitude", nullable(number())},
      {"typologie", labels_list},
      {"telephone", nullable(str())},
      {"courriels", labels_list},
      {"site_web", labels_list},
      {"horaires", nullable(str())},
      {"ouvert", nullable(boolean())},
      {"presentation_resume", nullable(str())},
      {"presentation_detail", nullable(str())},
      {"source", nullable(str())},
      {"itinerance", labels_list},
      {"structure_parente", nullable(str())},
      {"date_maj", str()},
      {"autres_formations_labels", labels_list},
      {"fiche_acces_libre", nullable(str())},
      {"prise_rdv", nullable(str())},
  };
  for (const auto& filter : filter_parameters()) {
    json labels = json::array();
    for (auto label : filter.labels) labels.push_back(std::string(label));
    properties[std::string(filter.field)] = array_of({{"type", "string"}, {"enum", labels}});
  }
  json schema = object(properties);
  schema["properties"]["distance_metres"] = nullable(number());
  schema["properties"]["correspondances"] = {{"type", "object"}, {"additionalProperties", array_of(str())}};
  schema["description"] =
      "Un lieu : les champs du standard national v1.0.2 (listes en tableaux, champs absents à null), la référence "
      "stable `ref` (source:id), le territoire complété et `ouvert` à l'instant de la requête. distance_metres et "
      "correspondances n'apparaissent que dans les résultats de recherche.";
  return schema;
}

json build() {
  json links = object({{"self", str()}, {"first", str()}}, true);
  links["properties"]["next"] = str();
  links["properties"]["prev"] = str();
  json feature = object({{"type", {{"type", "string"}, {"enum", {"Feature"}}}},
                         {"id", str()},
                         {"geometry", nullable(object({{"type", {{"type", "string"}, {"enum", {"Point"}}}},
                                                       {"coordinates", array_of(number())}}))},
                         {"properties", ref("Place")}});
  json counts = {{"type", "object"}, {"additionalProperties", integer()}};
  json schemas{
      {"Error", object({{"code", {{"type", "string"},
                                  {"enum", {"invalid_parameter", "unknown_value", "not_found", "method_not_allowed",
                                            "ambiguous_id", "payload_too_large", "uri_too_long", "unavailable",
                                            "internal_error"}}}},
                        {"message", str()}})},
      {"Place", place_schema()},
      {"PlacePage", object({{"total", nullable(integer())},
                            {"limit", integer()},
                            {"offset", integer()},
                            {"lieux", array_of(ref("Place"))},
                            {"links", links}})},
      {"PlaceFeature", feature},
      {"PlaceFeatureCollection", object({{"type", {{"type", "string"}, {"enum", {"FeatureCollection"}}}},
                                         {"features", array_of(ref("PlaceFeature"))},
                                         {"total", nullable(integer())},
                                         {"limit", integer()},
                                         {"offset", integer()},
                                         {"links", links}})},
      {"Commune", object({{"code_insee", str()},
                          {"nom", str()},
                          {"codes_postaux", array_of(str())},
                          {"departement", str()},
                          {"region", str()},
                          {"epci", nullable(str())},
                          {"population", integer()},
                          {"latitude", nullable(number())},
                          {"longitude", nullable(number())},
                          {"commune_parente", nullable(str())}})},
      {"CommuneList", object({{"communes", array_of(ref("Commune"))}})},
      {"Epci", object({{"code", str()},
                       {"nom", nullable(str())},
                       {"departements", array_of(str())},
                       {"population", integer()},
                       {"nombre_communes", integer()}})},
      {"EpciDetail", object({{"code", str()},
                             {"nom", nullable(str())},
                             {"departements", array_of(str())},
                             {"population", integer()},
                             {"nombre_communes", integer()},
                             {"communes", array_of(object({{"code_insee", str()}, {"nom", str()}}))}})},
      {"EpciList", object({{"epci", array_of(ref("Epci"))}})},
      {"Departement", object({{"code", str()},
                              {"nom", nullable(str())},
                              {"region", str()},
                              {"region_nom", nullable(str())},
                              {"nombre_communes", integer()}})},
      {"DepartementList", object({{"departements", array_of(ref("Departement"))}})},
      {"Statistics", object({{"total", integer()},
                             {"ouverts_maintenant", integer()},
                             {"avec_horaires", integer()},
                             {"avec_prise_rdv", integer()},
                             {"avec_coordonnees", integer()},
                             {"par_service", counts},
                             {"par_dispositif", counts},
                             {"par_frais", counts},
                             {"par_modalite_acces", counts},
                             {"par_modalite_accompagnement", counts},
                             {"par_public", counts},
                             {"par_departement", counts},
                             {"territoire", object({{"communes", array_of(str())},
                                                    {"epci", array_of(str())},
                                                    {"departements", array_of(str())},
                                                    {"regions", array_of(str())}})}})},
  };

  // Filter parameters shared by /lieux and /export/lieux.csv.
  json filters = json::array();
  for (const auto& filter : filter_parameters()) {
    json labels = json::array();
    for (auto label : filter.labels) labels.push_back(std::string(label));
    filters.push_back(query_param(
        std::string(filter.name),
        "Valeurs du champ « " + std::string(filter.field) +
            " » du standard (libellés exacts ; casse et accents facultatifs). Plusieurs valeurs : séparées par | "
            "ou paramètre répété ; elles se combinent par OU, les filtres par ET.",
        array_of({{"type", "string"}, {"enum", labels}}), std::string(filter.labels.front())));
  }
  filters.push_back(query_param("commune", "Codes INSEE de communes (| ou répété).", array_of(str()), "69123"));
  filters.push_back(query_param("epci", "Numéros SIREN d'EPCI (| ou répété).", array_of(str()), "200046977"));
  filters.push_back(query_param("departement", "Codes de départements (| ou répété).", array_of(str()), "69"));
  filters.push_back(query_param("region", "Codes de régions (| ou répété).", array_of(str()), "84"));
  filters.push_back(query_param("territoire", "commune:CODE, epci:SIREN, departement:CODE ou region:CODE.",
                                array_of(str()), "departement:69"));
  filters.push_back(query_param("near", "Centre de la recherche : LATITUDE,LONGITUDE (WGS84). Sans radius, les "
                                        "limit lieux les plus proches.",
                                str(), "45.76,4.83"));
  filters.push_back(query_param("radius", "Rayon autour de near : 5km, 800m ou un nombre de mètres (1000 km au "
                                          "plus). Demande near.",
                                str(), "5km"));
  filters.push_back(query_param("prise_rdv", "Prise de rendez-vous en ligne possible.", boolean(), true));
  filters.push_back(query_param("open_now", "Ouvert maintenant (heure de Paris).", boolean(), true));
  filters.push_back(query_param("open_at", "Ouvert à cette date et heure de Paris, AAAA-MM-JJTHH:MM.", str(),
                                "2026-11-24T10:00"));
  filters.push_back(query_param("weekend", "Ouvert à un moment du week-end qui vient (ou de celui d'open_at).",
                                boolean(), true));
  filters.push_back(query_param("text", "Mots cherchés dans le nom, la commune et l'adresse (200 caractères au plus).",
                                str(), "médiathèque"));
  json page = filters;
  page.push_back(query_param("limit", "Taille de la page, 1 à 500 (20 par défaut).", integer(), 10));
  page.push_back(query_param("offset", "Rang du premier résultat ; offset + limit ≤ 10000.", integer(), 0));
  page.push_back(query_param("format", "json (par défaut) ou geojson ; Accept: application/geo+json aussi.",
                             {{"type", "string"}, {"enum", {"json", "geojson"}}}, "geojson"));

  json place_list_responses = error_responses({400});
  place_list_responses["200"] = {
      {"description", "Une page de lieux (total à null pour une recherche des plus proches sans rayon)."},
      {"content",
       {{"application/json", {{"schema", ref("PlacePage")}}},
        {"application/geo+json", {{"schema", ref("PlaceFeatureCollection")}}}}}};
  json place_responses = error_responses({400, 404, 409});
  place_responses["200"] = ok("Le lieu.", "Place");
  json export_responses = error_responses({400});
  export_responses["200"] = {{"description", "CSV du standard national v1.0.2, transmis par morceaux."},
                             {"content", {{"text/csv", {{"schema", str()}}}}}};
  json communes_responses = error_responses({400});
  communes_responses["200"] = ok("Communes trouvées.", "CommuneList");
  json commune_responses = error_responses({400, 404});
  commune_responses["200"] = ok("La commune.", "Commune");
  json epcis_responses = error_responses({400});
  epcis_responses["200"] = ok("EPCI trouvés.", "EpciList");
  json epci_responses = error_responses({400, 404});
  epci_responses["200"] = ok("L'EPCI et ses communes.", "EpciDetail");
  json deps_responses = error_responses({400});
  deps_responses["200"] = ok("Départements.", "DepartementList");
  json dep_responses = error_responses({400, 404});
  dep_responses["200"] = ok("Le département.", "Departement");
  json stats_responses = error_responses({400});
  stats_responses["200"] = ok("Comptes des lieux du territoire.", "Statistics");
  json openapi_responses = json::object();
  openapi_responses["200"] = {{"description", "Ce document."},
                              {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};

  json q_param = query_param("q", "Nom (début des mots), code postal ou code INSEE.", str(), "Lyon");
  json paths{
      {"/api/v1/openapi.json", {{"get", {{"summary", "Ce document OpenAPI"}, {"responses", openapi_responses}}}}},
      {"/api/v1/lieux",
       {{"get", {{"summary", "Chercher des lieux d'inclusion numérique"},
                 {"parameters", page},
                 {"responses", place_list_responses}}}}},
      {"/api/v1/lieux/{ref}",
       {{"get", {{"summary", "Un lieu, par référence source:id ou par identifiant"},
                 {"parameters", {path_param("ref", "Référence source:id, ou identifiant s'il est unique.",
                                            "Hinaura:155")}},
                 {"responses", place_responses}}}}},
      {"/api/v1/export/lieux.csv",
       {{"get", {{"summary", "Export CSV au standard national, pour un territoire ou un filtre"},
                 {"parameters", filters},
                 {"responses", export_responses}}}}},
      {"/api/v1/communes",
       {{"get", {{"summary", "Chercher une commune par nom ou code postal"},
                 {"parameters", {[&] { json p = q_param; p["required"] = true; return p; }(),
                                 query_param("limit", "1 à 50 (10 par défaut).", integer(), 5)}},
                 {"responses", communes_responses}}}}},
      {"/api/v1/communes/{code}",
       {{"get", {{"summary", "Une commune par code INSEE"},
                 {"parameters", {path_param("code", "Code INSEE.", "69123")}},
                 {"responses", commune_responses}}}}},
      {"/api/v1/epci",
       {{"get", {{"summary", "Chercher un EPCI par nom ou SIREN"},
                 {"parameters", {query_param("q", "Nom ou début du SIREN.", str(), "Métropole de Lyon"),
                                 query_param("limit", "1 à 2000 (20 par défaut).", integer(), 5)}},
                 {"responses", epcis_responses}}}}},
      {"/api/v1/epci/{code}",
       {{"get", {{"summary", "Un EPCI par SIREN, avec ses communes"},
                 {"parameters", {path_param("code", "SIREN.", "200046977")}},
                 {"responses", epci_responses}}}}},
      {"/api/v1/departements",
       {{"get", {{"summary", "Départements (tous, ou cherchés par nom ou code)"},
                 {"parameters", {query_param("q", "Nom ou code.", str(), "Rhône")}},
                 {"responses", deps_responses}}}}},
      {"/api/v1/departements/{code}",
       {{"get", {{"summary", "Un département"},
                 {"parameters", {path_param("code", "Code du département.", "69")}},
                 {"responses", dep_responses}}}}},
      {"/api/v1/statistiques",
       {{"get", {{"summary", "Statistiques des lieux d'un territoire (toute la France sans paramètre)"},
                 {"parameters", {filters[9], filters[10], filters[11], filters[12], filters[13]}},
                 {"responses", stats_responses}}}}},
  };
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "Relais — API publique v1"},
            {"version", "1.0.0"},
            {"description",
             "Lieux d'inclusion numérique (standard national v1.0.2), dédoublonnés, avec leurs territoires. Les "
             "erreurs sont {code, message} ; les réponses portent un ETag fort et sont compressées en gzip si le "
             "client l'accepte. Données sous licence etalab-2.0."}}},
          {"paths", paths},
          {"components", {{"schemas", schemas}}}};
}

}  // namespace

const nlohmann::json& openapi_document() {
  static const json document = build();
  return document;
}

const std::string& openapi_text() {
  static const std::string text = dump(openapi_document());
  return text;
}

}  // namespace relais::api
