#pragma once
// Small helpers the client tests share: reading a model's rows and making accounts that keep
// their files in a temporary folder.
#include "client/account.h"
#include "client/models/timelinemodel.h"

#include <QAbstractItemModel>
#include <QFileDevice>
#include <QStringList>
#include <QVariant>
#include <memory>

namespace clienttest {

/// Permission bits that would let anyone but the owner read or change a file.
inline constexpr QFileDevice::Permissions kOthersMayAccess {QFileDevice::ReadGroup |
    QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
    QFileDevice::WriteOther | QFileDevice::ExeOther};

/// Every row's value of `role` (by role name) as strings.
inline QStringList column(const QAbstractItemModel* model, const QByteArray& roleName)
{
    QStringList values;
    if (!model)
        return values;
    const int role = model->roleNames().key(roleName, -1);
    for (int row = 0; row < model->rowCount(); ++row)
        values.append(model->index(row, 0).data(role).toString());
    return values;
}

/// Texts of the message rows of a timeline, oldest first.
inline QStringList messageTexts(const palaver::client::TimelineModel* model)
{
    QStringList texts;
    if (!model)
        return texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(palaver::client::TimelineModel::KindRole).toString() ==
            QStringLiteral("message"))
            texts.append(index.data(palaver::client::TimelineModel::TextRole).toString());
    }
    return texts;
}

/// Seqs of every row (0 for pending ones), in row order.
inline QList<qint64> rowSeqs(const palaver::client::TimelineModel* model)
{
    QList<qint64> seqs;
    for (int row = 0; model && row < model->rowCount(); ++row)
        seqs.append(
            model->index(row, 0).data(palaver::client::TimelineModel::SeqRole).toLongLong());
    return seqs;
}

/// An Account with its files under `base` and the token in the 0600 file.
inline std::unique_ptr<palaver::client::Account> makeAccount(const QString& base)
{
    palaver::client::AccountOptions options;
    options.baseFolder = base;
    options.useKeychain = false;
    return std::make_unique<palaver::client::Account>(options);
}

} // namespace clienttest
