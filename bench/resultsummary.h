#pragma once
#include <QStringList>

/// `palaver-bench summary FILE…`: the headline figures of result files, each with its runs and
/// their median, grouped by scenario and parameters. Exits 1 if a file is unreadable or a run
/// was not ok. (Kept in the binary so that scripts need no jq or Python.)
class ResultSummary
{
public:
    static int print(const QStringList& files);
};
