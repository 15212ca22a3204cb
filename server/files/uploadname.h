#pragma once
// The name an upload keeps, from its X-Filename header: what the contract allows and nothing a
// client could use against another one (paths, control characters, endless names).
#include <QByteArray>
#include <QString>
#include <optional>

namespace palaver::server::uploadname {

inline constexpr qsizetype kMaxLength = 255;

/// Percent-decodes `header` as UTF-8, keeps the last path part, drops control characters and
/// surrounding spaces; "file" when nothing is left (or there was no header). nullopt for
/// invalid UTF-8 or a name over kMaxLength characters.
std::optional<QString> clean(const QByteArray& header);

/// A Content-Disposition value for `name`: an ASCII fallback plus RFC 5987's filename*.
QByteArray contentDisposition(const QString& name, bool inlineView);

} // namespace palaver::server::uploadname
