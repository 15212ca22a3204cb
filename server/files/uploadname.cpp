#include "server/files/uploadname.h"

#include <QStringDecoder>

namespace palaver::server::uploadname {

std::optional<QString> clean(const QByteArray& header)
{
    const QByteArray bytes = QByteArray::fromPercentEncoding(header);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString name = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    // Only the last path part: a name is never a place on anyone's disk.
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.mid(slash + 1);
    // C0, DEL and C1 controls (and line/paragraph separators) could forge lines in logs or
    // headers and show as nothing in a client.
    name.removeIf([](QChar c) {
        const char16_t u = c.unicode();
        return u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029;
    });
    name = name.trimmed();
    if (name.isEmpty() || name == u"." || name == u"..")
        name = QStringLiteral("file");
    if (name.size() > kMaxLength)
        return std::nullopt;
    return name;
}

QByteArray contentDisposition(const QString& name, bool inlineView)
{
    QByteArray ascii;
    for (const QChar c : name)
        ascii += (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\')
            ? char(c.unicode())
            : '_';
    return QByteArray(inlineView ? "inline" : "attachment") + "; filename=\"" + ascii +
        "\"; filename*=UTF-8''" + name.toUtf8().toPercentEncoding();
}

} // namespace palaver::server::uploadname
