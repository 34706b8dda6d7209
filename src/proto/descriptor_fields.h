// Field numbers of google/protobuf/descriptor.proto (protobuf >= 27, editions included) that
// driftcheck uses: in SourceCodeInfo paths, to locate an option or feature, and to decode the
// fields protobuf 3.21 keeps as unknown. One list, so every rule names the same number the same way.
#pragma once

#include <cstdint>

namespace driftcheck::proto::fields {

// FileDescriptorProto
constexpr int32_t kFilePackage = 2;
constexpr int32_t kFileOptions = 8;
constexpr int32_t kFileSyntax = 12;
constexpr int32_t kFileEdition = 14;
// DescriptorProto, FieldDescriptorProto, EnumDescriptorProto, EnumValueDescriptorProto
constexpr int32_t kMessageOptions = 7;
constexpr int32_t kFieldOptions = 8;
constexpr int32_t kEnumOptions = 3;
constexpr int32_t kEnumValueNumber = 2;
// MethodDescriptorProto
constexpr int32_t kMethodInputType = 2;
constexpr int32_t kMethodOutputType = 3;
constexpr int32_t kMethodOptions = 4;

// `features` inside each options message
constexpr int32_t kFileFeatures = 50;
constexpr int32_t kMessageFeatures = 12;
constexpr int32_t kFieldFeatures = 21;
constexpr int32_t kOneofFeatures = 1;
constexpr int32_t kEnumFeatures = 7;
constexpr int32_t kEnumValueFeatures = 2;
constexpr int32_t kServiceFeatures = 34;
constexpr int32_t kMethodFeatures = 35;

// Options
constexpr int32_t kCtype = 1;                          // FieldOptions
constexpr int32_t kJstype = 6;                         // FieldOptions
constexpr int32_t kJavaStringCheckUtf8 = 27;           // FileOptions
constexpr int32_t kNoStandardDescriptorAccessor = 2;   // MessageOptions
constexpr int32_t kIdempotencyLevel = 34;              // MethodOptions

// FeatureSet and its language extensions
constexpr int32_t kEnumTypeFeature = 2;
constexpr int32_t kUtf8ValidationFeature = 4;
constexpr int32_t kJsonFormatFeature = 6;
constexpr int32_t kCppFeatures = 1000;        // (pb.cpp)
constexpr int32_t kCppStringType = 2;         // CppFeatures.string_type
constexpr int32_t kJavaFeatures = 1001;       // (pb.java)
constexpr int32_t kJavaUtf8Validation = 2;    // JavaFeatures.utf8_validation

// Enum values of FeatureSet that rules compare against
constexpr int kJsonFormatAllow = 1;  // FeatureSet.JsonFormat.ALLOW
constexpr int kUtf8Verify = 2;       // FeatureSet.Utf8Validation.VERIFY and JavaFeatures.Utf8Validation.VERIFY

}  // namespace driftcheck::proto::fields
