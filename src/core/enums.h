// Enumerations of the national data standard for mediation places,
// schema v1.0.2 (see docs/architecture.md and the standard, §4).
//
// Every enumeration is a C++ enum class whose values carry their exact French
// label, as written in the standard's files. Labels are the only spelling that
// is read or written; `label()` and `from_label<E>()` convert both ways.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace relais {

enum class Service : std::uint8_t {
  AideDemarchesAdministratives,
  MaitriseOutilsNumeriques,
  InsertionProfessionnelle,
  UtilisationSecurisee,
  ParentaliteEducation,
  LoisirsCreations,
  ComprehensionMondeNumerique,
  AccesInternetMateriel,
  AcquisitionMaterielPrixSolidaire,
};

enum class Public : std::uint8_t { Jeunes, Etudiants, FamillesEnfants, Seniors, Femmes };

enum class PriseEnCharge : std::uint8_t {
  Surdite,
  HandicapsMoteurs,
  HandicapsMentaux,
  Illettrisme,
  LanguesEtrangeresAnglais,
  LanguesEtrangeresAutres,
  DeficienceVisuelle,
};

enum class Frais : std::uint8_t { Gratuit, GratuitSousCondition, Payant };

enum class ModaliteAcces : std::uint8_t {
  SePresenter,
  Telephoner,
  ContacterParMail,
  PrendreRdvEnLigne,
  PasDePublic,  // "Ce lieu n'accueille pas de public"
  MailAvecFichePrescription,
};

enum class FormationLabel : std::uint8_t {
  MonEspaceSante,
  Duplex,
  ArniaMednumBfc,
  CollectifReemploiNormandie,
  EtapesNumeriques,
  FabriquesDeTerritoire,
  EclaireursDuNumerique,
  MesPapiers,
  Ordi3,
  SudLabs,
};

enum class Dispositif : std::uint8_t {
  AidantsConnect,
  BibliothequesNumeriqueReference,
  CertificationPix,
  ConseillersNumeriques,
  EmmausConnect,
  FranceServices,
  GrandeEcoleNumerique,
  CroixRouge,
  PointAccesNumeriqueCaf,
  PromeneursDuNet,
  RelaisNumeriqueEmmaus,
};

enum class Itinerance : std::uint8_t { Itinerant, Fixe };

enum class ModaliteAccompagnement : std::uint8_t {
  EnAutonomie,
  AccompagnementIndividuel,
  AtelierCollectif,
  ADistance,
};

// data·inclusion structure typology codes (92 values in the reference library
// 2.3.0). The enumerator name is the code itself, so labels equal names.
enum class Typologie : std::uint8_t {
  ACI, ACIPHC, AFPA, AI, ASE, ASSO, ASSO_CHOMEUR, Autre, AVIP, BIB, CAARUD, CADA,
  CAF, CAP_EMPLOI, CAVA, CC, CCAS, CCONS, CD, CDAS, CFP, CHRS, CHU, CIAS, CIDFF,
  CITMET, CMP, CMS, CPAM, CPH, CS, CSAPA, CSC, DEETS, DEPT, DIPLP, E2C, EA, EATT,
  EI, EITI, ENM, EPCI, EPI, EPIDE, EPN, ES, ESAT, ESS, ETTI, EVS, FABLAB, FABRIQUE,
  FAIS, FT, GEIQ, HUDA, LA_POSTE, MDE, MDH, MDEF, MDPH, MDS, MJC, ML, MQ, MSA,
  MSAP, MUNI, OACAS, ODC, OF, OIL, OPCS, PAD, PENSION, PI, PIJ_BIJ, PIMMS, PJJ,
  PLIE, PREF, PREVENTION, REG, RELAIS_LECTURE, RESSOURCERIE, RFS, RS_FJT, SCP,
  SPIP, TIERS_LIEUX, UDAF,
};

// Labels, in enumerator order. Defined in enums.cpp.
template <typename E>
std::span<const std::string_view> labels();

template <typename E>
std::string_view label(E value) {
  return labels<E>()[static_cast<std::size_t>(value)];
}

template <typename E>
std::size_t enum_count() {
  return labels<E>().size();
}

// Exact, case-sensitive match on the label. Returns nullopt for any other
// string (the standard's patterns are exact).
template <typename E>
std::optional<E> from_label(std::string_view text) {
  auto all = labels<E>();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

// FormationLabel also accepts the schema's misspelling "Étapes numériques(La
// Poste)" (no space, a bug of the v1.0.2 pattern); it is written spaced.
template <>
std::optional<FormationLabel> from_label<FormationLabel>(std::string_view text);

}  // namespace relais
