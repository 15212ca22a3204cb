#include "shared/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace palaver {

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth > 0 && std::exchange(m_hasElement[m_depth - 1], true))
        m_out.append(',');
}

void JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    Q_ASSERT(m_depth < 16);
    m_hasElement[m_depth++] = false;
}

void JsonWriter::endObject()
{
    m_out.append('}');
    --m_depth;
}

void JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    Q_ASSERT(m_depth < 16);
    m_hasElement[m_depth++] = false;
}

void JsonWriter::endArray()
{
    m_out.append(']');
    --m_depth;
}

void JsonWriter::key(QLatin1String name)
{
    separate();
    // Keys are the protocol's own constants: plain ASCII that needs no escaping.
    m_out.append('"').append(name.data(), name.size()).append("\":");
    m_afterKey = true;
}

void JsonWriter::key(const QString& name)
{
    separate();
    string(name.toUtf8());
    m_out.append(':');
    m_afterKey = true;
}

void JsonWriter::value(const QString& text)
{
    separate();
    string(text.toUtf8());
}

void JsonWriter::value(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
}

void JsonWriter::value(bool flag)
{
    separate();
    m_out.append(flag ? "true" : "false");
}

void JsonWriter::value(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return value(v.toString());
    case QJsonValue::Bool:
        return value(v.toBool());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::trunc(d) == d && std::abs(d) <= 9007199254740992.0)
            return value(qint64(d));
        break; // other numbers are written as Qt writes them
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        separate();
        m_out.append("null");
        return;
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    separate();
    const QByteArray wrapped = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    m_out.append(wrapped.constData() + 1, wrapped.size() - 2); // without the [ ]
}

void JsonWriter::string(const QByteArray& utf8)
{
    static const char hex[] = "0123456789abcdef";
    m_out.append('"');
    const char* p = utf8.constData();
    const qsizetype n = utf8.size();
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = uchar(p[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_out.append(p + plainFrom, i - plainFrom);
        plainFrom = i + 1;
        switch (c) {
        case '"':
            m_out.append("\\\"");
            break;
        case '\\':
            m_out.append("\\\\");
            break;
        case '\b':
            m_out.append("\\b");
            break;
        case '\f':
            m_out.append("\\f");
            break;
        case '\n':
            m_out.append("\\n");
            break;
        case '\r':
            m_out.append("\\r");
            break;
        case '\t':
            m_out.append("\\t");
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            m_out.append(escaped, 6);
        }
        }
    }
    m_out.append(p + plainFrom, n - plainFrom);
    m_out.append('"');
}

} // namespace palaver
