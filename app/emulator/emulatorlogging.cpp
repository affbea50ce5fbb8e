#include "emulatorlogging.h"

namespace smtpauth {
Q_LOGGING_CATEGORY(lcEmulator, "smtpauth.emulator")
}
