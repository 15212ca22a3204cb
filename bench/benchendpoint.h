#pragma once
// Where the generator's connections go, and which loopback address each one leaves from.
#include <QHostAddress>
#include <QList>
#include <QUrl>
#include <functional>

class BenchClient;
class QObject;

class BenchEndpoint
{
public:
    /// `sourceAddresses` 0 leaves the choice to the kernel (127.0.0.1 towards 127.0.0.1);
    /// N > 0 binds connection i to 127.0.0.(2 + (offset + i) mod N). `offset` staggers worker
    /// processes so that they do not all start on the same address.
    /// Several URLs (nodes of one cluster) take connections in turn.
    BenchEndpoint(QList<QUrl> urls, int sourceAddresses, int offset);

    const QUrl& url() const { return m_urls.first(); }
    int sourceAddresses() const { return m_sourceAddresses; }
    /// Opens a new connection from the next source address; `connected` runs once it is up.
    BenchClient* connect(QObject* parent, std::function<void(BenchClient*)> connected);

private:
    QHostAddress nextSource();

    QList<QUrl> m_urls;
    int m_sourceAddresses = 0;
    int m_next = 0;
    int m_nextUrl = 0;
};
