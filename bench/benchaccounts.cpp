#include "benchaccounts.h"

#include "benchendpoint.h"
#include "shared/jsonkeys.h"

#include <QJsonArray>

using namespace palaver;
using namespace Qt::StringLiterals;

namespace {
/// Runs `count` asynchronous tasks, at most `parallel` at a time; a task calls its `next`
/// with an empty string when it succeeded or with an error. Failures do not stop the others:
/// `done` gets how many failed and the first error.
class Batch
{
public:
    using Task = std::function<void(int index, std::function<void(const QString&)> next)>;
    static void run(int count, int parallel, Task task, BenchAccounts::Done done)
    {
        auto state = std::make_shared<Batch>();
        state->count = count;
        state->parallel = parallel > 0 ? parallel : count;
        state->task = std::move(task);
        state->done = std::move(done);
        if (count == 0)
            return state->done(0, {});
        launch(state);
    }

private:
    static void launch(const std::shared_ptr<Batch>& s)
    {
        while (s->active < s->parallel && s->next < s->count) {
            ++s->active;
            const int index = s->next++;
            s->task(index, [s](const QString& error) {
                --s->active;
                if (!error.isEmpty() && s->failed++ == 0)
                    s->firstError = error;
                if (++s->finished == s->count)
                    return s->done(s->failed, s->firstError);
                launch(s);
            });
        }
    }

    int count = 0;
    int parallel = 1;
    int next = 0;
    int active = 0;
    int finished = 0;
    int failed = 0;
    QString firstError;
    Task task;
    BenchAccounts::Done done;
};
} // namespace

BenchAccounts::BenchAccounts(BenchEndpoint& endpoint, QObject* owner)
    : QObject(owner)
    , m_endpoint(endpoint)
    , m_owner(owner)
{ }

void BenchAccounts::openAll(
    int count, int parallel, std::function<QJsonObject(int)> authFrame, Each each, Done done)
{
    Batch::run(
        count, parallel,
        [this, authFrame, each](int index, std::function<void(const QString&)> next) {
            // Fails the batch once, whichever of close or answer comes first.
            auto settle = std::make_shared<std::function<void(const QString&)>>(next);
            BenchClient* client = m_endpoint.connect(m_owner, [=](BenchClient* c) {
                c->request(authFrame(index), [=](const QJsonObject& answer) {
                    if (answer.value(keys::type).toString() != u"welcome"_s) {
                        c->onClosed = nullptr;
                        c->deleteLater();
                        return std::exchange(*settle, nullptr)(
                            u"authentication %1 failed: %2 %3"_s.arg(index).arg(
                                answer.value(keys::code).toString(),
                                answer.value(keys::message).toString()));
                    }
                    const QJsonObject user = answer.value(keys::user).toObject();
                    c->onClosed = nullptr;
                    each(index, c,
                        {user.value(keys::id).toString(), user.value(keys::username).toString(),
                            answer.value(keys::token).toString()});
                    std::exchange(*settle, nullptr)({});
                });
            });
            client->onClosed = [settle, index, client](int code) {
                client->deleteLater();
                if (*settle)
                    std::exchange(*settle, nullptr)(
                        u"connection %1 closed with %2 before welcome"_s.arg(index).arg(code));
            };
        },
        std::move(done));
}

void BenchAccounts::registerUsers(
    const QString& prefix, int count, int parallel, Each each, Done done)
{
    openAll(
        count, parallel,
        [prefix](int index) {
            return QJsonObject {{keys::type, u"register"_s}, {keys::protocol, 1},
                {keys::username, QString(prefix + QString::number(index))},
                {keys::password, u"bench-password"_s}, {keys::device, u"palaver-bench"_s}};
        },
        std::move(each), std::move(done));
}

void BenchAccounts::resumeAll(const QStringList& tokens, int parallel, Each each, Done done)
{
    openAll(
        int(tokens.size()), parallel,
        [tokens](int index) {
            return QJsonObject {
                {keys::type, u"resume"_s}, {keys::protocol, 1}, {keys::token, tokens.at(index)}};
        },
        std::move(each), std::move(done));
}

void BenchAccounts::createRooms(
    const QList<RoomPlan>& plans, int parallel, std::function<void(QStringList, QString)> done)
{
    auto ids = std::make_shared<QStringList>();
    ids->resize(plans.size());
    Batch::run(
        int(plans.size()), parallel,
        [plans, ids](int index, std::function<void(const QString&)> next) {
            const RoomPlan& plan = plans.at(index);
            plan.creator->request({{keys::type, u"create_room"_s}, {keys::kind, u"group"_s},
                                      {keys::name, plan.name.isEmpty() ? u"bench"_s : plan.name},
                                      {keys::members, QJsonArray::fromStringList(plan.members)}},
                [ids, index, next](const QJsonObject& answer) {
                    (*ids)[index] = answer.value(keys::room).toObject().value(keys::id).toString();
                    next((*ids)[index].isEmpty()
                            ? u"create_room failed: "_s + answer.value(keys::message).toString()
                            : QString());
                });
        },
        [ids, done](int failed, const QString& error) {
            done(*ids, failed ? u"%1 rooms failed, first: %2"_s.arg(failed).arg(error) : QString());
        });
}
