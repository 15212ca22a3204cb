#include "shared/objects/fileinfo.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {

std::optional<FileInfo> FileInfo::fromJson(JsonReader& r)
{
    FileInfo f;
    f.fileId = r.id(keys::fileId);
    f.name = r.string(keys::name, 0, 255);
    f.mime = r.string(keys::mime, 1, 255);
    f.size = r.integer(keys::size, 0, limits::maxSafeInteger);
    f.sha256 = r.string(keys::sha256, 64, 64);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject FileInfo::toJson() const
{
    return {{keys::fileId, fileId}, {keys::name, name}, {keys::mime, mime}, {keys::size, size},
        {keys::sha256, sha256}};
}

} // namespace palaver
