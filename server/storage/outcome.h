#pragma once
#include "shared/errorcode.h"

#include <variant>

namespace palaver::server {

/// A request's result: the value, or the protocol error to answer with.
template <class T> class Outcome
{
public:
    Outcome(T value)
        : m_value(std::move(value))
    { }
    Outcome(ProtocolError error)
        : m_value(std::move(error))
    { }
    static Outcome fail(ErrorCode code, const QString& message)
    {
        return Outcome(ProtocolError {code, message});
    }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    const T& value() const { return std::get<T>(m_value); }
    T& value() { return std::get<T>(m_value); }
    const ProtocolError& error() const { return std::get<ProtocolError>(m_value); }

private:
    std::variant<T, ProtocolError> m_value;
};

/// For requests whose success carries nothing.
struct Done
{ };

} // namespace palaver::server
