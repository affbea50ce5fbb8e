#include "authlogging.h"

namespace smtpauth {

Q_LOGGING_CATEGORY(lcAuth, "smtpauth.auth")

} // namespace smtpauth
