// The N-API face of the native event validator: validate(config) -> Promise<result>. The scan runs
// on a libuv worker (with its own threads), so the event loop stays free. src/data/native.ts is the
// only caller and owns the shapes on both sides.
#include <node_api.h>

#include <stdexcept>
#include <string>

#include "scan.h"

namespace golive {
namespace {

struct Call {
  Config config;
  ScanResult result;
  std::string error;
  napi_deferred deferred = nullptr;
  napi_async_work work = nullptr;
};

void check(napi_env env, napi_status status) {
  if (status != napi_ok) throw std::runtime_error("N-API call failed");
  (void)env;
}

napi_value get(napi_env env, napi_value obj, const char* key) {
  napi_value v;
  check(env, napi_get_named_property(env, obj, key, &v));
  return v;
}

bool has(napi_env env, napi_value obj, const char* key) {
  bool found = false;
  check(env, napi_has_named_property(env, obj, key, &found));
  if (!found) return false;
  napi_valuetype t;
  check(env, napi_typeof(env, get(env, obj, key), &t));
  return t != napi_undefined && t != napi_null;
}

std::string str(napi_env env, napi_value v) {
  size_t n = 0;
  if (napi_get_value_string_utf8(env, v, nullptr, 0, &n) != napi_ok) throw std::runtime_error("expected a string");
  std::string out(n, '\0');
  check(env, napi_get_value_string_utf8(env, v, out.data(), n + 1, &n));
  return out;
}

int64_t num(napi_env env, napi_value obj, const char* key) {
  int64_t v = 0;
  if (napi_get_value_int64(env, get(env, obj, key), &v) != napi_ok) throw std::runtime_error(std::string("expected a number: ") + key);
  return v;
}

template <typename F>
void each(napi_env env, napi_value list, F f) {
  uint32_t n = 0;
  if (napi_get_array_length(env, list, &n) != napi_ok) throw std::runtime_error("expected an array");
  for (uint32_t i = 0; i < n; i++) {
    napi_value item;
    check(env, napi_get_element(env, list, i, &item));
    f(item);
  }
}

std::vector<std::string> strings(napi_env env, napi_value obj, const char* key) {
  std::vector<std::string> out;
  each(env, get(env, obj, key), [&](napi_value v) { out.push_back(str(env, v)); });
  return out;
}

Set setOf(napi_env env, napi_value obj, const char* key) {
  auto list = strings(env, obj, key);
  return Set(list.begin(), list.end());
}

Config readConfig(napi_env env, napi_value c) {
  Config config;
  config.files = strings(env, c, "files");
  each(env, get(env, c, "rules"), [&](napi_value r) {
    RuleSpec spec;
    std::string id = str(env, get(env, r, "id"));
    if (!kindOf(id, spec.kind)) throw std::runtime_error("no native rule " + id);
    if (has(env, r, "subject")) spec.subject = str(env, get(env, r, "subject"));
    config.rules.push_back(spec);
  });
  napi_value f = get(env, c, "facts");
  Facts& facts = config.facts;
  facts.languages = setOf(env, f, "languages");
  facts.currencies = setOf(env, f, "currencies");
  facts.pos = setOf(env, f, "pointsOfSale");
  facts.identityRules = setOf(env, f, "identityRules");
  facts.customEvents = setOf(env, f, "customEvents");
  std::vector<std::string> lowered;
  for (auto& r : facts.identityRules.items()) {
    std::string l = r;
    for (char& c : l) if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    lowered.push_back(l);
  }
  facts.loweredIdentityRules = Set(lowered.begin(), lowered.end());
  facts.channels = setOf(env, f, "channels");
  facts.knownTypes = setOf(env, f, "knownTypes");
  facts.checkoutStatuses = setOf(env, f, "checkoutStatuses");
  facts.judged = setOf(env, f, "judged");
  facts.withLatin = setOf(env, f, "withLatin");
  facts.productFields = strings(env, f, "productFields");
  facts.reservedPrefix = str(env, get(env, f, "reservedPrefix"));
  facts.maxExtKeys = num(env, f, "maxExtKeys");
  each(env, get(env, f, "posChannels"), [&](napi_value pair) {
    napi_value name, channel;
    check(env, napi_get_element(env, pair, 0, &name));
    check(env, napi_get_element(env, pair, 1, &channel));
    facts.posChannels.emplace_back(str(env, name), str(env, channel));
  });
  config.examples = int(num(env, c, "examples"));
  config.maxInvalid = num(env, c, "maxInvalid");
  config.maxLineBytes = num(env, c, "maxLineBytes");
  config.threads = int(num(env, c, "threads"));
  return config;
}

napi_value int64(napi_env env, int64_t v) {
  napi_value out;
  check(env, napi_create_int64(env, v, &out));
  return out;
}

napi_value string(napi_env env, const std::string& s) {
  napi_value out;
  check(env, napi_create_string_utf8(env, s.data(), s.size(), &out));
  return out;
}

napi_value array(napi_env env, std::initializer_list<napi_value> items) {
  napi_value out;
  check(env, napi_create_array_with_length(env, items.size(), &out));
  uint32_t i = 0;
  for (napi_value v : items) check(env, napi_set_element(env, out, i++, v));
  return out;
}

void push(napi_env env, napi_value list, napi_value v) {
  uint32_t n = 0;
  check(env, napi_get_array_length(env, list, &n));
  check(env, napi_set_element(env, list, n, v));
}

void set(napi_env env, napi_value obj, const char* key, napi_value v) { check(env, napi_set_named_property(env, obj, key, v)); }

napi_value newArray(napi_env env) {
  napi_value out;
  check(env, napi_create_array(env, &out));
  return out;
}

napi_value newObject(napi_env env) {
  napi_value out;
  check(env, napi_create_object(env, &out));
  return out;
}

napi_value position(napi_env env, const Position& p) { return array(env, {int64(env, p.file), int64(env, p.line)}); }

napi_value toJs(napi_env env, const ScanResult& r) {
  napi_value files = newArray(env), rules = newArray(env);
  for (auto& f : r.files) {
    napi_value o = newObject(env), invalid = newArray(env);
    set(env, o, "lines", int64(env, f.lines));
    set(env, o, "valid", int64(env, f.valid));
    set(env, o, "invalidCount", int64(env, f.invalidCount));
    for (auto& bad : f.invalid) push(env, invalid, array(env, {int64(env, bad.line), string(env, bad.reason)}));
    set(env, o, "invalid", invalid);
    if (!f.error.empty()) set(env, o, "error", string(env, f.error));
    push(env, files, o);
  }
  for (auto& rule : r.rules) {
    napi_value o = newObject(env), examples = newArray(env), deferred = newArray(env);
    set(env, o, "applicable", int64(env, rule.applicable));
    set(env, o, "violations", int64(env, rule.violations));
    for (auto& [p, value] : rule.examples) {
      napi_value v;
      if (value.has_value()) v = string(env, *value);
      else check(env, napi_get_null(env, &v));
      push(env, examples, array(env, {int64(env, p.file), int64(env, p.line), v}));
    }
    for (auto& [key, d] : rule.deferred) {
      napi_value at = newArray(env);
      for (auto& p : d.second) push(env, at, position(env, p));
      push(env, deferred, array(env, {string(env, key.first), string(env, key.second), int64(env, d.first), at}));
    }
    set(env, o, "examples", examples);
    set(env, o, "deferred", deferred);
    push(env, rules, o);
  }
  napi_value out = newObject(env);
  set(env, out, "files", files);
  set(env, out, "rules", rules);
  return out;
}

void execute(napi_env, void* data) {
  auto* call = static_cast<Call*>(data);
  try {
    call->result = scan(call->config);
  } catch (const std::exception& e) {
    call->error = e.what();
  }
}

void complete(napi_env env, napi_status, void* data) {
  auto* call = static_cast<Call*>(data);
  napi_value value;
  if (call->error.empty()) {
    try {
      value = toJs(env, call->result);
      napi_resolve_deferred(env, call->deferred, value);
    } catch (const std::exception& e) {
      call->error = e.what();
    }
  }
  if (!call->error.empty()) {
    napi_value message;
    napi_create_string_utf8(env, call->error.data(), call->error.size(), &message);
    napi_create_error(env, nullptr, message, &value);
    napi_reject_deferred(env, call->deferred, value);
  }
  napi_delete_async_work(env, call->work);
  delete call;
}

napi_value validate(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  napi_get_cb_info(env, info, &argc, &arg, nullptr, nullptr);
  auto* call = new Call();
  try {
    if (argc < 1) throw std::runtime_error("validate(config) needs a config");
    call->config = readConfig(env, arg);
  } catch (const std::exception& e) {
    delete call;
    napi_throw_error(env, nullptr, e.what());
    return nullptr;
  }
  napi_value promise, name;
  napi_create_promise(env, &call->deferred, &promise);
  napi_create_string_utf8(env, "golive.validate", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, nullptr, name, execute, complete, call, &call->work);
  napi_queue_async_work(env, call->work);
  return promise;
}

napi_value init(napi_env env, napi_value exports) {
  napi_value fn, ids;
  napi_create_function(env, "validate", NAPI_AUTO_LENGTH, validate, nullptr, &fn);
  napi_set_named_property(env, exports, "validate", fn);
  napi_create_array(env, &ids);
  uint32_t i = 0;
  for (const std::string& id : ruleIds()) {
    napi_value name;
    napi_create_string_utf8(env, id.data(), id.size(), &name);
    napi_set_element(env, ids, i++, name);
  }
  napi_set_named_property(env, exports, "ruleIds", ids);
  return exports;
}

}  // namespace
}  // namespace golive

NAPI_MODULE(NODE_GYP_MODULE_NAME, golive::init)
