// libclang's C API, loaded when C++ headers are first compared rather than linked: loading
// libclang-14 costs every run of driftcheck tens of milliseconds of relocations (more under the
// sanitizers), which protobuf and OpenAPI users, and every pre-commit run, need not pay.
#pragma once

#include <clang-c/Index.h>

namespace driftcheck::cpp {

// Every libclang function driftcheck calls. A call is written `libclang().clang_getCursorKind(c)`.
#define DRIFTCHECK_LIBCLANG_FUNCTIONS(X) \
  X(clang_CXXField_isMutable) \
  X(clang_CXXMethod_isConst) \
  X(clang_CXXMethod_isPureVirtual) \
  X(clang_CXXMethod_isStatic) \
  X(clang_CXXMethod_isVirtual) \
  X(clang_Cursor_Evaluate) \
  X(clang_Cursor_getMangling) \
  X(clang_Cursor_isAnonymousRecordDecl) \
  X(clang_Cursor_isBitField) \
  X(clang_Cursor_isFunctionInlined) \
  X(clang_Cursor_isInlineNamespace) \
  X(clang_Cursor_isMacroBuiltin) \
  X(clang_Cursor_isMacroFunctionLike) \
  X(clang_Cursor_isNull) \
  X(clang_EnumDecl_isScoped) \
  X(clang_EvalResult_dispose) \
  X(clang_EvalResult_getAsDouble) \
  X(clang_EvalResult_getAsLongLong) \
  X(clang_EvalResult_getAsStr) \
  X(clang_EvalResult_getAsUnsigned) \
  X(clang_EvalResult_getKind) \
  X(clang_EvalResult_isUnsignedInt) \
  X(clang_Type_getAlignOf) \
  X(clang_Type_getCXXRefQualifier) \
  X(clang_Type_getOffsetOf) \
  X(clang_Type_getSizeOf) \
  X(clang_createIndex) \
  X(clang_getArgType) \
  X(clang_getNumArgTypes) \
  X(clang_disposeDiagnostic) \
  X(clang_disposeIndex) \
  X(clang_disposeString) \
  X(clang_disposeTokens) \
  X(clang_disposeTranslationUnit) \
  X(clang_getCString) \
  X(clang_getCXXAccessSpecifier) \
  X(clang_getCanonicalType) \
  X(clang_getChildDiagnostics) \
  X(clang_getCursorAvailability) \
  X(clang_getCursorDefinition) \
  X(clang_getCursorExceptionSpecificationType) \
  X(clang_getCursorExtent) \
  X(clang_getCursorKind) \
  X(clang_getCursorLocation) \
  X(clang_getCursorReferenced) \
  X(clang_getCursorSemanticParent) \
  X(clang_getCursorSpelling) \
  X(clang_getCursorUSR) \
  X(clang_getCursorType) \
  X(clang_getDiagnostic) \
  X(clang_getDiagnosticInSet) \
  X(clang_getDiagnosticLocation) \
  X(clang_getDiagnosticSeverity) \
  X(clang_getDiagnosticSpelling) \
  X(clang_getEnumConstantDeclUnsignedValue) \
  X(clang_getEnumConstantDeclValue) \
  X(clang_getEnumDeclIntegerType) \
  X(clang_getExpansionLocation) \
  X(clang_getFieldDeclBitWidth) \
  X(clang_getFileLocation) \
  X(clang_getFileName) \
  X(clang_getNumDiagnostics) \
  X(clang_getNumDiagnosticsInSet) \
  X(clang_getRangeEnd) \
  X(clang_getRangeStart) \
  X(clang_getResultType) \
  X(clang_getSpecializedCursorTemplate) \
  X(clang_getTemplateCursorKind) \
  X(clang_getTokenExtent) \
  X(clang_getTokenKind) \
  X(clang_getTokenSpelling) \
  X(clang_getTranslationUnitCursor) \
  X(clang_getTypeDeclaration) \
  X(clang_getTypeSpelling) \
  X(clang_getTypedefDeclUnderlyingType) \
  X(clang_isConstQualifiedType) \
  X(clang_isCursorDefinition) \
  X(clang_isExpression) \
  X(clang_isFunctionTypeVariadic) \
  X(clang_isVirtualBase) \
  X(clang_parseTranslationUnit2) \
  X(clang_tokenize) \
  X(clang_visitChildren)

struct LibClang {
#define DRIFTCHECK_LIBCLANG_POINTER(name) decltype(&::name) name = nullptr;
  DRIFTCHECK_LIBCLANG_FUNCTIONS(DRIFTCHECK_LIBCLANG_POINTER)
#undef DRIFTCHECK_LIBCLANG_POINTER
};

// libclang, loaded on first use (thread-safe). Throws InputError when it cannot be loaded.
const LibClang& libclang();

}  // namespace driftcheck::cpp
