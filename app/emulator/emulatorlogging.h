#pragma once

#include <QLoggingCategory>

namespace smtpauth {
Q_DECLARE_LOGGING_CATEGORY(lcEmulator)
}
