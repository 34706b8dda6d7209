// Small contracts with breaking changes between their sides, for the harnesses that fuzz what
// surrounds a comparison (configuration, baselines) rather than the contracts themselves.
#pragma once

#include "harness.h"

namespace driftcheck::fuzz {

inline const FixedFiles kContracts = {
    {"old.proto", R"~(syntax = "proto3";
package demo.v1;
enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; }
message User { string name = 1; int32 age = 2; Kind kind = 3; }
service Users { rpc Get(User) returns (User); rpc List(User) returns (stream User); }
)~"},
    {"new.proto", R"~(syntax = "proto3";
package demo.v1;
enum Kind { KIND_UNSPECIFIED = 0; }
message User { string full_name = 1; int64 age = 2; }
service Users { rpc Get(User) returns (User); }
)~"},
    {"old.yaml", R"~(openapi: 3.0.3
info: {title: demo, version: "1"}
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: fields, in: query, schema: {type: string, enum: [a, b]}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses: {"201": {description: created}}
components:
  schemas:
    User:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
)~"},
    {"new.yaml", R"~(openapi: 3.0.3
info: {title: demo, version: "2"}
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: fields, in: query, required: true, schema: {type: string, enum: [a]}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
components:
  schemas:
    User:
      type: object
      required: [name, age]
      properties:
        name: {type: string}
        age: {type: string}
)~"},
    {"old.api.json", R"~({"api_format": "driftcheck-cpp-api/1", "enums": {}, "headers": ["io.h"], "macros": {},
 "namespaces": {"io": "io.h:2:11"}, "records": {}, "typedefs": {}, "variables": {},
 "functions": {
  "io::close(int)": {"at": "io.h:4:6", "name": "io::close", "params": [{"name": "fd", "type": "int"}], "return": "void"},
  "io::open(const char *)": {"at": "io.h:3:5", "name": "io::open", "params": [{"name": "path", "type": "const char *"}], "return": "int"}}}
)~"},
    {"new.api.json", R"~({"api_format": "driftcheck-cpp-api/1", "enums": {}, "headers": ["io.h"], "macros": {},
 "namespaces": {"io": "io.h:2:11"}, "records": {}, "typedefs": {}, "variables": {},
 "functions": {
  "io::open(const char *, int)": {"at": "io.h:3:5", "name": "io::open", "params": [{"name": "path", "type": "const char *"}, {"name": "flags", "type": "int"}], "return": "int"}}}
)~"},
};

}  // namespace driftcheck::fuzz
