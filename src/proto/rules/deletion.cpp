// Deletion rules: files, packages, messages, enums, services, RPCs and extensions that the old
// contract had and the new one lacks. FILE-level rules look inside the same file; the PACKAGE_*
// variants allow an element to move between the files of its package.
#include <unordered_set>

#include "proto/match.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

template <typename T>
bool contains_name(const std::vector<T*>& list, std::string_view full_name) {
  for (const T* e : list)
    if (e->full_name == full_name) return true;
  return false;
}

std::string rename_note(const std::string& kind, const std::string& old_name, const std::string& new_name) {
  return kind + " " + quote(old_name) + " was renamed to " + quote(new_name) +
         " (same shape): generated code and JSON/type URLs that name it break";
}

}  // namespace

void check_file_no_delete(const CheckContext& ctx, Reporter& r) {
  for (const File& old_file : ctx.old_image.files) {
    if (old_file.is_import || ctx.new_image.file_by_name.count(old_file.name)) continue;
    Finding& f = r.report(no_file(), old_file.name, "file " + quote(old_file.name) + " was deleted");
    f.old_location = file_start(old_file);
    f.hint = "keep the file (it may be emptied of elements that are deprecated first), or move its "
             "contents to another file of the same package and check with --category PACKAGE";
  }
}

void check_package_no_delete(const CheckContext& ctx, Reporter& r) {
  for (const auto& [package, files] : ctx.old_image.files_by_package) {
    bool all_imports = std::all_of(files.begin(), files.end(), [](const File* f) { return f->is_import; });
    if (all_imports || ctx.new_image.files_by_package.count(package)) continue;
    std::string name = package.empty() ? "(no package)" : std::string(package);
    Finding& f = r.report(no_file(), name, "package " + quote(name) + " was deleted: no file declares it any more");
    const File* first = *std::min_element(files.begin(), files.end(),
                                          [](const File* a, const File* b) { return a->name < b->name; });
    f.old_location = file_start(*first);
    f.hint = "keep the package; move elements only between files of the same package";
  }
}

template <typename T, typename Rename>
void report_deleted_in_file(const CheckContext& ctx, Reporter& r, const char* kind,
                            std::vector<T*> File::*list, Rename renamed) {
  for_each_file_pair(ctx, [&](const File& old_file, const File& new_file) {
    for (const T* old_elem : old_file.*list) {
      if (contains_name(new_file.*list, old_elem->full_name)) continue;
      Finding& f = r.report(deleted_in(new_file, *old_elem), old_elem,
                            std::string(kind) + " " + quote(old_elem->full_name) + " was deleted from " +
                                quote(new_file.display_name));
      if (const auto* to = renamed(*old_elem)) {
        f.message = rename_note(kind, old_elem->full_name, to->full_name);
        f.hint = "keep the old name; if the new name is needed, add it beside the old one and deprecate the old";
      } else {
        f.hint = std::string("keep the ") + kind + " and mark it deprecated; delete it only in a new major version";
      }
    }
  });
}

void check_message_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_file<Message>(ctx, r, "message", &File::messages,
                                  [&](const Message& m) { return renamed_message(ctx, m); });
}

void check_enum_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_file<Enum>(ctx, r, "enum", &File::enums,
                               [&](const Enum& e) { return renamed_enum(ctx, e); });
}

void check_service_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_file<Service>(ctx, r, "service", &File::services,
                                  [&](const Service& s) { return renamed_service(ctx, s); });
}

void check_extension_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_file<Field>(ctx, r, "extension", &File::extensions,
                                [](const Field&) { return static_cast<const Field*>(nullptr); });
}

namespace {

// PACKAGE_* rules: an element may move between the files of its package; it is deleted only
// when no file of the package declares it any more. Packages that vanished entirely are
// PACKAGE_NO_DELETE's business. `where` places the finding when the old file still exists.
template <typename T, typename Where>
void report_deleted_in_package(const CheckContext& ctx, Reporter& r, const char* kind,
                               std::vector<T*> File::*list, Where where) {
  for (const auto& [package, old_files] : ctx.old_image.files_by_package) {
    auto new_files = ctx.new_image.files_by_package.find(package);
    if (new_files == ctx.new_image.files_by_package.end()) continue;
    std::unordered_set<std::string_view> kept;
    for (const File* f : new_files->second)
      for (const T* e : f->*list) kept.insert(e->full_name);
    for (const File* old_file : old_files) {
      for (const T* old_elem : old_file->*list) {
        if (kept.count(old_elem->full_name)) continue;
        auto same_path = ctx.new_image.file_by_name.find(old_file->name);
        Location at = same_path == ctx.new_image.file_by_name.end() ? no_file() : where(*same_path->second, *old_elem);
        std::string pkg = package.empty() ? "(no package)" : std::string(package);
        Finding& f = r.report(std::move(at), old_elem,
                              std::string(kind) + " " + quote(old_elem->full_name) + " was deleted from package " +
                                  quote(pkg) + " (no file of the package declares it any more)");
        f.hint = std::string("keep the ") + kind + " in some file of the package and mark it deprecated";
      }
    }
  }
}

}  // namespace

void check_package_message_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_package<Message>(ctx, r, "message", &File::messages, [&](const File& f, const Message& m) {
    return deleted_in_package(ctx.new_image, m.file->package(), f, m);
  });
}

void check_package_enum_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_package<Enum>(ctx, r, "enum", &File::enums,
                                  [](const File& f, const Enum& e) { return deleted_in(f, e); });
}

void check_package_extension_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_package<Field>(ctx, r, "extension", &File::extensions,
                                   [](const File& f, const Field& e) { return deleted_in(f, e); });
}

void check_package_service_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_in_package<Service>(ctx, r, "service", &File::services,
                                     [](const File& f, const Service&) { return file_start(f); });
}

void check_rpc_no_delete(const CheckContext& ctx, Reporter& r) {
  for_each_service_pair(ctx, [&](const Service& o, const Service& n) {
    for (const Method* old_method : o.methods) {
      bool kept = std::any_of(n.methods.begin(), n.methods.end(),
                              [&](const Method* m) { return m->d->name() == old_method->d->name(); });
      if (kept) continue;
      Finding& f = r.report(location_of(n), old_method,
                            "rpc " + quote(old_method->d->name()) + " was deleted from service " + quote(n.full_name));
      if (const Method* to = renamed_method(o, n, *old_method)) {
        f.message = "rpc " + quote(old_method->d->name()) + " of service " + quote(n.full_name) +
                    " was renamed to " + quote(to->d->name()) + ": clients calling the old method name fail";
        f.hint = "keep the old rpc beside the new one until every client has moved";
      } else {
        f.hint = "keep the rpc and mark it `option deprecated = true;` until no client calls it";
      }
    }
  });
}

}  // namespace driftcheck::proto
