#pragma once

#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "ui/MainWindow.h"

#include <memory>

// What a MainWindow needs in a test: the profiles' settings file and the roles file in a folder of the
// test's own, an in-memory keychain and an in-memory session store. newWindow() builds a window on them
// and shows it; building another one later is the app's next run (the stores and files stay).
struct WindowServices {
    explicit WindowServices(const QString &dir)
        : profiles(dir + QStringLiteral("/profiles.ini"))
        , rolesFile(dir + QStringLiteral("/roles.json")) {}

    std::unique_ptr<MainWindow> newWindow(bool rememberLayout = true) {
        auto window = std::make_unique<MainWindow>(
            MainWindow::Services{&profiles, &keychain, &session, rolesFile, rememberLayout});
        window->show();
        return window;
    }

    ProfileStore profiles;
    MemorySecretStore keychain;
    MemorySecretStore session;
    QString rolesFile;
};
