// Fuzzes territory::apply_laposte (the La Poste postcode CSV reader).
// apply_laposte reads a file, so each input is written to a per-process
// temporary file first.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "territory/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("relais_laposte_fuzz_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::vector<relais::territory::Commune> communes(2);
  communes[0].code_insee = "13001";
  communes[1].code_insee = "75101";
  communes[1].commune_parente = "75056";
  try {
    relais::territory::apply_laposte(communes, path);
    relais::territory::CommuneIndex index(std::move(communes));
    (void)index.derive_code_insee("13100", "Aix", relais::Coordinates{43.5, 5.4});
  } catch (const relais::territory::TerritoryLoadError&) {
  }
  return 0;
}
