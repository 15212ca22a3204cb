#pragma once
#include <QJsonObject>
#include <QString>
#include <optional>

namespace palaver {
class JsonReader;

/// An uploaded file as events carry it: {file_id, name, mime, size, sha256}.
struct FileInfo
{
    QString fileId;
    QString name;
    QString mime;
    qint64 size = 0;
    QString sha256;

    static std::optional<FileInfo> fromJson(JsonReader& reader);
    QJsonObject toJson() const;
    bool operator==(const FileInfo&) const = default;
};

} // namespace palaver
