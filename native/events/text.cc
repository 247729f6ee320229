#include "text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace golive {

bool isIntegerType(element e) { return e.type() == element_type::INT64 || e.type() == element_type::UINT64; }
bool isNumberType(element e) { return isIntegerType(e) || e.type() == element_type::DOUBLE; }

namespace {

// Shortest round-trip digits and decimal exponent of a finite, non-zero |v|: v = 0.d1d2... x 10^exp10.
void shortest(double v, std::string& digits, int& exp10) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);  // d.ddde[+-]XX
  size_t e = s.find('e');
  digits.clear();
  for (char c : s.substr(0, e)) if (c != '.') digits.push_back(c);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  exp10 = std::atoi(std::string(s.substr(e + 1)).c_str()) + 1;
}

// Fixed notation from digits: 0.d1d2 x 10^exp10; ".0" when integral.
std::string fixed(bool negative, const std::string& digits, int exp10) {
  std::string out = negative ? "-" : "";
  if (exp10 <= 0) {
    out += "0.";
    out.append(size_t(-exp10), '0');
    out += digits;
  } else if (size_t(exp10) >= digits.size()) {
    out += digits;
    out.append(size_t(exp10) - digits.size(), '0');
    out += ".0";
  } else {
    out += digits.substr(0, size_t(exp10));
    out += '.';
    out += digits.substr(size_t(exp10));
  }
  return out;
}

std::string scientific(bool negative, const std::string& digits, int exp10, bool signedPadded) {
  std::string out = negative ? "-" : "";
  out += digits[0];
  if (digits.size() > 1) { out += '.'; out += digits.substr(1); }
  int x = exp10 - 1;
  char buf[16];
  if (signedPadded) std::snprintf(buf, sizeof buf, "e%c%02d", x < 0 ? '-' : '+', std::abs(x));
  else std::snprintf(buf, sizeof buf, "e%d", x);
  return out + buf;
}

// How a writer spells doubles: special values, the decimal exponents written in fixed notation, and
// the exponent's form (1e21 / 1e-7, or 1e+16 / 1e-05).
struct DoubleStyle {
  const char *nan, *inf, *negativeInf;
  int fixedAbove, fixedUpTo;  // fixed when fixedAbove < exp10 <= fixedUpTo
  bool signedPadded;
};
constexpr DoubleStyle YYJSON{"NaN", "Infinity", "-Infinity", -6, 21, false};  // yyjson's writer (JSON text)
constexpr DoubleStyle DUCKDB{"nan", "inf", "-inf", -4, 16, true};             // DuckDB's DOUBLE -> VARCHAR

std::string formatDouble(double v, const DoubleStyle& style) {
  if (std::isnan(v)) return style.nan;
  if (std::isinf(v)) return v < 0 ? style.negativeInf : style.inf;
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  std::string digits;
  int exp10 = 0;
  shortest(v, digits, exp10);
  if (exp10 > style.fixedAbove && exp10 <= style.fixedUpTo) return fixed(v < 0, digits, exp10);
  return scientific(v < 0, digits, exp10, style.signedPadded);
}

void writeString(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

}  // namespace

void writeJson(element e, std::string& out) {
  switch (e.type()) {
    case element_type::OBJECT: {
      out += '{';
      bool first = true;
      for (auto field : simdjson::dom::object(e)) {
        if (!first) out += ',';
        first = false;
        writeString(field.key, out);
        out += ':';
        writeJson(field.value, out);
      }
      out += '}';
      return;
    }
    case element_type::ARRAY: {
      out += '[';
      bool first = true;
      for (element item : simdjson::dom::array(e)) {
        if (!first) out += ',';
        first = false;
        writeJson(item, out);
      }
      out += ']';
      return;
    }
    case element_type::STRING: writeString(std::string_view(e), out); return;
    case element_type::INT64: out += std::to_string(int64_t(e)); return;
    case element_type::UINT64: out += std::to_string(uint64_t(e)); return;
    case element_type::DOUBLE: out += formatDouble(double(e), YYJSON); return;
    case element_type::BOOL: out += bool(e) ? "true" : "false"; return;
    default: out += "null"; return;
  }
}

std::string jsonOf(element e) {
  std::string out;
  writeJson(e, out);
  return out;
}

Text varcharOf(element e) {
  switch (e.type()) {
    case element_type::STRING: return Text(std::string_view(e));
    case element_type::NULL_VALUE: return Text();
    case element_type::DOUBLE: return Text(formatDouble(double(e), DUCKDB));
    default: return Text(jsonOf(e));
  }
}

Text extractOf(element e) {
  switch (e.type()) {
    case element_type::STRING: return Text(std::string_view(e));
    case element_type::NULL_VALUE: return Text();
    default: return Text(jsonOf(e));
  }
}

bool member(element obj, std::string_view key, element& out) {
  if (obj.type() != element_type::OBJECT) return false;
  for (auto field : simdjson::dom::object(obj)) {
    if (same(field.key, key)) { out = field.value; return true; }
  }
  return false;
}

Text extractKey(element obj, std::string_view key) {
  element v;
  return member(obj, key, v) ? extractOf(v) : Text();
}

}  // namespace golive
