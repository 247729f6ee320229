// Small value checks the rules share: formats (UUID, e-mail, identity dates, codes), DuckDB's
// trim(), ASCII case, empty values and the Cloud SDK's flattened extension key count.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text.h"

namespace golive {

bool isAscii(std::string_view s);
// Exactly n ASCII capital letters (the [A-Z]{n} code pattern).
bool upperLetters(std::string_view s, size_t n);
// 8-4-4-4-12 hex digits, either case.
bool isUuid(std::string_view s);
// "", [] or {}: what a fill rate does not count as filled.
bool emptyValue(element v);
// DuckDB trim(): spaces only.
std::string_view trimSpaces(std::string_view s);
std::string asciiLower(std::string_view s);
std::string asciiUpper(std::string_view s);
// EMAIL_PATTERN (event-rules-identity.ts), fully matched: [^\s@]+@[^\s@]+\.[^\s@]+
bool isEmail(std::string_view s);
// IDENTITY_DATE_PATTERN, fully matched: YYYY-MM-DDTHH:mm with a real month, day 01-31 and time.
bool isIdentityDate(std::string_view s);
// The primary language subtag, uppercased (language_code in event-rules-fields.ts).
std::string languageCode(std::string_view language);
std::string join(const std::vector<std::string>& parts, const char* sep);
// Flattened keys of an extension object, as flattenedKeyCount (event-rules-functions.ts).
int64_t flattenedKeys(element e);

}  // namespace golive
