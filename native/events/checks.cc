#include "checks.h"

#include <algorithm>

namespace golive {

bool isAscii(std::string_view s) {
  for (unsigned char c : s) if (c >= 0x80) return false;
  return true;
}
bool upperLetters(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) if (c < 'A' || c > 'Z') return false;
  return true;
}
struct HexTable {
  bool hex[256] = {};
  constexpr HexTable() {
    for (int c = '0'; c <= '9'; c++) hex[c] = true;
    for (int c = 'a'; c <= 'f'; c++) hex[c] = true;
    for (int c = 'A'; c <= 'F'; c++) hex[c] = true;
  }
};
constexpr HexTable HEX;
bool isUuid(std::string_view s) {
  if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
  bool ok = true;
  for (size_t i = 0; i < 36; i++) ok &= (i == 8 || i == 13 || i == 18 || i == 23) || HEX.hex[static_cast<unsigned char>(s[i])];
  return ok;
}
// "", [] or {}: what a fill rate does not count as filled.
bool emptyValue(element v) {
  switch (v.type()) {
    case element_type::STRING: return std::string_view(v).empty();
    case element_type::ARRAY: return simdjson::dom::array(v).size() == 0;
    case element_type::OBJECT: return simdjson::dom::object(v).size() == 0;
    default: return false;
  }
}
// DuckDB trim(): spaces only.
std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}
std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}
std::string asciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}
// RE2's \s: tab, newline, form feed, carriage return, space.
static bool isSpace(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

// EMAIL_PATTERN, fully matched: [^\s@]+@[^\s@]+\.[^\s@]+
bool isEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  for (char c : s) if (isSpace(c)) return false;
  std::string_view domain = s.substr(at + 1);
  if (domain.find('@') != std::string_view::npos || domain.size() < 3) return false;
  // A dot with at least one character before and after it.
  size_t dot = domain.find('.', 1);
  return dot != std::string_view::npos && dot + 1 < domain.size();
}
static bool digits(std::string_view s, size_t from, size_t n) {
  for (size_t i = from; i < from + n; i++) if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
// IDENTITY_DATE_PATTERN, fully matched: YYYY-MM-DDTHH:mm with a real month, day 01-31 and time.
bool isIdentityDate(std::string_view s) {
  if (s.size() != 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':') return false;
  if (!digits(s, 0, 4) || !digits(s, 5, 2) || !digits(s, 8, 2) || !digits(s, 11, 2) || !digits(s, 14, 2)) return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  int hour = (s[11] - '0') * 10 + (s[12] - '0'), minute = (s[14] - '0') * 10 + (s[15] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59;
}

// The primary language subtag, uppercased (language_code in event-rules-fields.ts).
std::string languageCode(std::string_view language) {
  std::string_view t = trimSpaces(language);
  size_t cut = t.find_first_of("-_");
  return asciiUpper(t.substr(0, cut));
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) { if (i) out += sep; out += parts[i]; }
  return out;
}

// Flattened keys of an extension object, as flattenedKeyCount (event-rules-functions.ts).
int64_t flattenedKeys(element e) {
  if (e.type() != element_type::OBJECT) return 1;
  int64_t n = 0;
  for (auto field : simdjson::dom::object(e)) n += flattenedKeys(field.value);
  return n;
}

}  // namespace golive
