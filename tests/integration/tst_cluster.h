#pragma once
// Three palaver-server nodes on one PostgreSQL database and one Redis bus, as an admin runs
// them behind a load balancer; each test case gets a fresh database and bus.
#include "tests/support/postgresdatabase.h"
#include "tests/support/redisprocess.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QTest>
#include <memory>
#include <vector>

class Cluster
{
public:
    /// `extraArgs` go to every node.
    bool start(int nodes = 3, const QStringList& extraArgs = {})
    {
        m_database = std::make_unique<PostgresDatabase>();
        if (!m_database->ok()) {
            qWarning() << "no test database:" << m_database->error();
            return false;
        }
        if (!m_redis.start())
            return false;
        for (int i = 0; i < nodes; ++i) {
            QStringList args {QStringLiteral("--database"), m_database->url(),
                QStringLiteral("--bus"), m_redis.url(), QStringLiteral("--node-id"),
                QStringLiteral("n%1").arg(i + 1), QStringLiteral("--max-connections-per-ip"),
                QStringLiteral("0"), QStringLiteral("--handshakes-per-ip-per-s"),
                QStringLiteral("0")};
            args += extraArgs;
            auto node = std::make_unique<ServerProcess>(args);
            if (!node->start())
                return false;
            m_nodes.push_back(std::move(node));
        }
        return true;
    }
    ServerProcess& node(int i) { return *m_nodes.at(size_t(i)); }
    QUrl url(int i) const { return m_nodes.at(size_t(i))->url(); }
    RedisProcess& redis() { return m_redis; }
    QString databaseUrl() const { return m_database->url(); }
    int size() const { return int(m_nodes.size()); }

private:
    std::unique_ptr<PostgresDatabase> m_database;
    RedisProcess m_redis;
    std::vector<std::unique_ptr<ServerProcess>> m_nodes;
};

/// The `event` pushes of one room a client got, in arrival order: their seqs.
inline QList<qint64> seqsOf(const TestClient& client, const QString& room)
{
    QList<qint64> seqs;
    for (const QJsonObject& push : client.pushes(QStringLiteral("event"))) {
        const QJsonObject e = push.value(QStringLiteral("event")).toObject();
        if (e.value(QStringLiteral("room")).toString() == room)
            seqs.append(e.value(QStringLiteral("seq")).toInteger());
    }
    return seqs;
}

/// 1, 2, … n: every seq once, in order.
inline bool isGapless(const QList<qint64>& seqs, qint64 from = 1)
{
    for (qsizetype i = 0; i < seqs.size(); ++i)
        if (seqs.at(i) != from + i)
            return false;
    return true;
}
