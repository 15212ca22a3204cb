#include "benchendpoint.h"

#include "benchclient.h"

BenchEndpoint::BenchEndpoint(QList<QUrl> urls, int sourceAddresses, int offset)
    : m_urls(std::move(urls))
    , m_sourceAddresses(sourceAddresses)
    , m_next(offset)
{ }

QHostAddress BenchEndpoint::nextSource()
{
    if (m_sourceAddresses <= 0)
        return {};
    // 127.0.0.2 … 127.0.0.(1 + N): all of 127.0.0.0/8 is local on Linux, so no setup is needed.
    return QHostAddress(quint32(0x7F000002u + quint32(m_next++ % m_sourceAddresses)));
}

BenchClient* BenchEndpoint::connect(QObject* parent, std::function<void(BenchClient*)> connected)
{
    auto* client = new BenchClient(parent);
    const QUrl& url = m_urls.at(m_nextUrl++ % m_urls.size());
    client->open(
        url, nextSource(), [client, connected = std::move(connected)] { connected(client); });
    return client;
}
