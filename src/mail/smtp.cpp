#include "mail/smtp.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

namespace relais::mail {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw SendError("curl_global_init failed");
  });
}

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t room = size * count;
  std::size_t n = std::min(room, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

std::string_view host_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  auto rest = url.substr(scheme + 3);
  auto at = rest.find('@');
  auto slash = rest.find('/');
  if (at != std::string_view::npos && (slash == std::string_view::npos || at < slash)) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    return close == std::string_view::npos ? std::string_view{} : rest.substr(1, close - 1);
  }
  return rest.substr(0, rest.find_first_of(":/?"));
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace

Tls parse_tls(std::string_view text) {
  if (text == "auto") return Tls::Auto;
  if (text == "required") return Tls::Required;
  if (text == "none") return Tls::None;
  throw std::invalid_argument("expected auto, required or none");
}

bool is_smtp_url(std::string_view url) {
  return (url.starts_with("smtp://") || url.starts_with("smtps://")) && !host_of(url).empty();
}

void send(const SmtpSettings& settings, const Message& message) {
  std::string payload = to_mime(message, std::chrono::system_clock::now());  // throws MessageError first
  if (!is_smtp_url(settings.url)) throw SendError("smtp_url is not an smtp:// or smtps:// URL");
  global_init();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw SendError("curl_easy_init failed");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(nullptr, &curl_slist_free_all);
  std::string rcpt = "<" + message.to + ">";
  recipients.reset(curl_slist_append(nullptr, rcpt.c_str()));
  std::string from = "<" + settings.from + ">";
  Upload upload{payload};
  char error[CURL_ERROR_SIZE] = {0};

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(10, settings.timeout.count())));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  long use_ssl = CURLUSESSL_ALL;
  if (settings.tls == Tls::None) {
    use_ssl = CURLUSESSL_NONE;
  } else if (settings.tls == Tls::Auto && is_loopback(host_of(settings.url))) {
    use_ssl = CURLUSESSL_TRY;
  }
  curl_easy_setopt(h, CURLOPT_USE_SSL, use_ssl);
  if (!settings.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, settings.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, settings.password.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    long response = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response);
    throw SendError(fmt::format("SMTP {}: {} (reply {})", host_of(settings.url),
                                error[0] ? error : curl_easy_strerror(code), response));
  }
}

}  // namespace relais::mail
