// Sending through a real SMTP server on loopback: Debian's python3-aiosmtpd
// run by testdata/smtp_sink.py (skipped only when /usr/bin/python3 has no
// aiosmtpd). Also: an unreachable relay and a refused recipient are errors.
#include "mail/smtp.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/wait.h>
#include <unistd.h>

namespace relais::mail {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class SmtpSink {
 public:
  explicit SmtpSink(fs::path dir) : dir_(std::move(dir)) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      std::string script = std::string(RELAIS_SOURCE_DIR) + "/src/mail/testdata/smtp_sink.py";
      execl("/usr/bin/python3", "python3", script.c_str(), dir_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    FILE* out = fdopen(fds[0], "r");
    char line[64] = {0};
    if (out && std::fgets(line, sizeof line, out)) std::sscanf(line, "PORT %d", &port_);
    if (out) std::fclose(out);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  std::string message(int n) const {
    char name[16];
    std::snprintf(name, sizeof name, "%03d.eml", n);
    std::ifstream in(dir_ / name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

bool have_aiosmtpd() { return std::system("/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null") == 0; }

Message message_to(std::string to) {
  return {.from = "relais@ville.example", .from_name = "Relais", .to = std::move(to),
          .subject = "Fiche d’orientation", .text = "Bonjour Élodie", .html = "<p>Bonjour Élodie</p>"};
}

fs::path temp_dir() {
  auto dir = fs::temp_directory_path() / ("relais-smtp-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(Smtp, DeliversToARealServerOnLoopback) {
  if (!have_aiosmtpd()) GTEST_SKIP() << "python3-aiosmtpd not installed";
  auto dir = temp_dir();
  SmtpSink sink(dir);
  ASSERT_GT(sink.port(), 0);
  SmtpSettings settings{.url = "smtp://127.0.0.1:" + std::to_string(sink.port()), .from = "relais@ville.example", .from_name = "", .user = "", .password = ""};
  send(settings, message_to("camille@example.org"));
  auto received = sink.message(1);
  EXPECT_NE(received.find("To: camille@example.org\r\n"), std::string::npos) << received;
  EXPECT_NE(received.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(received.find("Bonjour =C3=89lodie"), std::string::npos);
  std::ifstream envelope(dir / "001.envelope");
  std::string from, to;
  std::getline(envelope, from);
  std::getline(envelope, to);
  EXPECT_EQ(from, "relais@ville.example");
  EXPECT_EQ(to, "camille@example.org");

  // A recipient the relay refuses is an error, not a silent success.
  EXPECT_THROW(send(settings, message_to("personne@refuse.example")), SendError);
  // TLS required but the loopback server does not offer STARTTLS.
  settings.tls = Tls::Required;
  EXPECT_THROW(send(settings, message_to("camille@example.org")), SendError);
  fs::remove_all(dir);
}

TEST(Smtp, UnreachableRelayAndBadInput) {
  // A port nobody listens on: bind then close to get one.
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(s);
  SmtpSettings settings{.url = "smtp://127.0.0.1:" + std::to_string(port), .from = "relais@ville.example",
                        .from_name = "", .user = "", .password = "", .tls = Tls::Auto, .timeout = 5s};
  EXPECT_THROW(send(settings, message_to("camille@example.org")), SendError);
  EXPECT_THROW(send(settings, message_to("pas une adresse")), MessageError);
  settings.url = "http://127.0.0.1/";
  EXPECT_THROW(send(settings, message_to("camille@example.org")), SendError);
}

TEST(Smtp, Settings) {
  EXPECT_EQ(parse_tls("auto"), Tls::Auto);
  EXPECT_EQ(parse_tls("none"), Tls::None);
  EXPECT_EQ(parse_tls("required"), Tls::Required);
  EXPECT_THROW(parse_tls("yes"), std::invalid_argument);
  EXPECT_TRUE(is_smtp_url("smtp://127.0.0.1:2525"));
  EXPECT_TRUE(is_smtp_url("smtps://user@relay.example.org:465"));
  EXPECT_FALSE(is_smtp_url("smtp://"));
  EXPECT_FALSE(is_smtp_url("https://relay.example.org"));
}

}  // namespace
}  // namespace relais::mail
