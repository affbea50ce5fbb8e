#include "enginelogging.h"

namespace smtpauth {
Q_LOGGING_CATEGORY(lcEngine, "smtpauth.engine")
}
