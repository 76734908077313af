#include "core/enums.h"

namespace relais {
namespace {

using namespace std::string_view_literals;

constexpr std::array kServices{
    "Aide aux démarches administratives"sv,
    "Maîtrise des outils numériques du quotidien"sv,
    "Insertion professionnelle via le numérique"sv,
    "Utilisation sécurisée du numérique"sv,
    "Parentalité et éducation avec le numérique"sv,
    "Loisirs et créations numériques"sv,
    "Compréhension du monde numérique"sv,
    "Accès internet et matériel informatique"sv,
    "Acquisition de matériel informatique à prix solidaire"sv,
};
constexpr std::array kPublics{"Jeunes"sv, "Étudiants"sv, "Familles et/ou enfants"sv,
                              "Seniors"sv, "Femmes"sv};
constexpr std::array kPrisesEnCharge{
    "Surdité"sv,      "Handicaps moteurs"sv,           "Handicaps mentaux"sv,
    "Illettrisme"sv,  "Langues étrangères (anglais)"sv, "Langues étrangères (autres)"sv,
    "Déficience visuelle"sv,
};
constexpr std::array kFrais{"Gratuit"sv, "Gratuit sous condition"sv, "Payant"sv};
constexpr std::array kModalitesAcces{
    "Se présenter"sv,
    "Téléphoner"sv,
    "Contacter par mail"sv,
    "Prendre un RDV en ligne"sv,
    "Ce lieu n'accueille pas de public"sv,
    "Envoyer un mail avec une fiche de prescription"sv,
};
constexpr std::array kFormationsLabels{
    "Formé à « Mon Espace Santé »"sv,
    "Formé à « DUPLEX » (illettrisme)"sv,
    "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"sv,
    "Collectif ressources et acteurs réemploi (Normandie)"sv,
    "Étapes numériques (La Poste)"sv,
    "Fabriques de Territoire"sv,
    "Les Éclaireurs du numérique (Drôme)"sv,
    "Mes Papiers (Métropole de Lyon)"sv,
    "ORDI 3.0"sv,
    "SUD LABS (PACA)"sv,
};
constexpr std::array kDispositifs{
    "Aidants Connect"sv,
    "Bibliothèques numérique de référence"sv,
    "Certification PIX"sv,
    "Conseillers numériques"sv,
    "Emmaüs Connect"sv,
    "France Services"sv,
    "Grande école du numérique"sv,
    "La Croix Rouge"sv,
    "Point d'accès numérique CAF"sv,
    "Promeneurs du net"sv,
    "Relais numérique (Emmaüs Connect)"sv,
};
constexpr std::array kItinerances{"Itinérant"sv, "Fixe"sv};
constexpr std::array kModalitesAccompagnement{
    "En autonomie"sv, "Accompagnement individuel"sv, "Dans un atelier collectif"sv,
    "À distance"sv};
constexpr std::array kTypologies{
    "ACI"sv,   "ACIPHC"sv, "AFPA"sv,  "AI"sv,   "ASE"sv,   "ASSO"sv,  "ASSO_CHOMEUR"sv,
    "Autre"sv, "AVIP"sv,   "BIB"sv,   "CAARUD"sv, "CADA"sv, "CAF"sv,   "CAP_EMPLOI"sv,
    "CAVA"sv,  "CC"sv,     "CCAS"sv,  "CCONS"sv, "CD"sv,    "CDAS"sv,  "CFP"sv,
    "CHRS"sv,  "CHU"sv,    "CIAS"sv,  "CIDFF"sv, "CITMET"sv, "CMP"sv,  "CMS"sv,
    "CPAM"sv,  "CPH"sv,    "CS"sv,    "CSAPA"sv, "CSC"sv,   "DEETS"sv, "DEPT"sv,
    "DIPLP"sv, "E2C"sv,    "EA"sv,    "EATT"sv,  "EI"sv,    "EITI"sv,  "ENM"sv,
    "EPCI"sv,  "EPI"sv,    "EPIDE"sv, "EPN"sv,   "ES"sv,    "ESAT"sv,  "ESS"sv,
    "ETTI"sv,  "EVS"sv,    "FABLAB"sv, "FABRIQUE"sv, "FAIS"sv, "FT"sv,  "GEIQ"sv,
    "HUDA"sv,  "LA_POSTE"sv, "MDE"sv, "MDH"sv,   "MDEF"sv,  "MDPH"sv,  "MDS"sv,
    "MJC"sv,   "ML"sv,     "MQ"sv,    "MSA"sv,   "MSAP"sv,  "MUNI"sv,  "OACAS"sv,
    "ODC"sv,   "OF"sv,     "OIL"sv,   "OPCS"sv,  "PAD"sv,   "PENSION"sv, "PI"sv,
    "PIJ_BIJ"sv, "PIMMS"sv, "PJJ"sv,  "PLIE"sv,  "PREF"sv,  "PREVENTION"sv, "REG"sv,
    "RELAIS_LECTURE"sv, "RESSOURCERIE"sv, "RFS"sv, "RS_FJT"sv, "SCP"sv, "SPIP"sv,
    "TIERS_LIEUX"sv, "UDAF"sv,
};
static_assert(kTypologies.size() == 92);
static_assert(kServices.size() == 9 && kPublics.size() == 5 && kPrisesEnCharge.size() == 7);
static_assert(kFrais.size() == 3 && kModalitesAcces.size() == 6 && kFormationsLabels.size() == 10);
static_assert(kDispositifs.size() == 11 && kItinerances.size() == 2);
static_assert(kModalitesAccompagnement.size() == 4);
static_assert(static_cast<std::size_t>(Typologie::UDAF) + 1 == kTypologies.size());

}  // namespace

template <> std::span<const std::string_view> labels<Service>() { return kServices; }
template <> std::span<const std::string_view> labels<Public>() { return kPublics; }
template <> std::span<const std::string_view> labels<PriseEnCharge>() { return kPrisesEnCharge; }
template <> std::span<const std::string_view> labels<Frais>() { return kFrais; }
template <> std::span<const std::string_view> labels<ModaliteAcces>() { return kModalitesAcces; }
template <> std::span<const std::string_view> labels<FormationLabel>() { return kFormationsLabels; }
template <> std::span<const std::string_view> labels<Dispositif>() { return kDispositifs; }
template <> std::span<const std::string_view> labels<Itinerance>() { return kItinerances; }
template <> std::span<const std::string_view> labels<ModaliteAccompagnement>() {
  return kModalitesAccompagnement;
}
template <> std::span<const std::string_view> labels<Typologie>() { return kTypologies; }

template <>
std::optional<FormationLabel> from_label<FormationLabel>(std::string_view text) {
  if (text == "Étapes numériques(La Poste)") return FormationLabel::EtapesNumeriques;
  auto all = labels<FormationLabel>();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] == text) return static_cast<FormationLabel>(i);
  }
  return std::nullopt;
}

}  // namespace relais
