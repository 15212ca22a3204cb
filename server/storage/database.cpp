#include "server/storage/database.h"

namespace palaver::server {

Database::Database(std::unique_ptr<StoreFactory> factory, QObject* completionContext, int readers)
    : m_factory(std::move(factory))
    , m_writer(std::make_unique<WriteBatcher>(*m_factory, completionContext))
    , m_readers(std::make_unique<ReadPool>(*m_factory, completionContext, readers))
{ }

Database::~Database()
{
    stop();
}

void Database::start()
{
    m_factory->migrate();
    m_writer->start();
    m_readers->start();
}

void Database::stop()
{
    m_writer->stopAndDrain();
    m_readers->stop();
}

void Database::afterPendingWrites(std::function<void()> job)
{
    m_writer->submit(
        StoreJob {[](Store&) { return true; }, [job = std::move(job)](bool) { job(); }});
}

} // namespace palaver::server
