// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/packedverdict.h"
#include "models/readinessvocabulary.h"

#include <QTest>

using namespace smtpauth;

class TestReadinessVocabulary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void layers_data()
    {
        QTest::addColumn<ReadinessLayer>("layer");
        QTest::addColumn<QString>("machine");
        QTest::addColumn<QString>("display");
        QTest::addColumn<LayerScope>("scope");
        QTest::newRow("setting") << ReadinessLayer::SmtpAuthSetting << QStringLiteral("smtp-auth-setting")
                                 << QStringLiteral("SMTP AUTH setting") << LayerScope::AllClients;
        QTest::newRow("policy") << ReadinessLayer::AuthenticationPolicy
                                << QStringLiteral("authentication-policy")
                                << QStringLiteral("Authentication policy") << LayerScope::BasicOnly;
        QTest::newRow("defaults") << ReadinessLayer::SecurityDefaults << QStringLiteral("security-defaults")
                                  << QStringLiteral("Security defaults") << LayerScope::BasicOnly;
        QTest::newRow("ca") << ReadinessLayer::ConditionalAccess << QStringLiteral("conditional-access")
                            << QStringLiteral("Conditional Access") << LayerScope::BasicOnly;
        QTest::newRow("retirement") << ReadinessLayer::BasicRetirement << QStringLiteral("basic-retirement")
                                    << QStringLiteral("Basic retirement") << LayerScope::BasicOnly;
    }
    void layers()
    {
        QFETCH(ReadinessLayer, layer);
        QFETCH(QString, machine);
        QFETCH(QString, display);
        QFETCH(LayerScope, scope);
        QCOMPARE(machineName(layer), machine);
        QCOMPARE(displayText(layer), display);
        QCOMPARE(layerScope(layer), scope);
        ReadinessLayer parsed = layer == ReadinessLayer::SmtpAuthSetting ? ReadinessLayer::BasicRetirement
                                                                         : ReadinessLayer::SmtpAuthSetting;
        QVERIFY(readinessLayerFromName(QString(QStringLiteral("  ") + machine.toUpper()), &parsed));
        QCOMPARE(parsed, layer);
        QCOMPARE(kReadinessLayers[size_t(layer)], layer); // the table's order is the enum's
    }

    void words()
    {
        const QList<std::pair<LayerEffect, const char *>> effects{{LayerEffect::Allows, "allows"},
                                                                  {LayerEffect::Blocks, "blocks"},
                                                                  {LayerEffect::BlocksSome, "blocks-some"},
                                                                  {LayerEffect::Unknown, "unknown"}};
        const QStringList effectTexts{QStringLiteral("Allows"), QStringLiteral("Blocks"),
                                      QStringLiteral("May block"), QStringLiteral("Unknown")};
        for (const auto &[effect, name] : effects) {
            QCOMPARE(machineName(effect), QLatin1String(name));
            QCOMPARE(displayText(effect), effectTexts.at(int(effect)));
            LayerEffect parsed = LayerEffect::Unknown;
            QVERIFY(layerEffectFromName(QString::fromLatin1(name).toUpper(), &parsed));
            QCOMPARE(parsed, effect);
        }
        const QList<std::pair<Verdict, const char *>> verdicts{
            {Verdict::Allowed, "allowed"}, {Verdict::Blocked, "blocked"}, {Verdict::Unknown, "unknown"}};
        const QStringList verdictTexts{QStringLiteral("Allowed"), QStringLiteral("Blocked"),
                                       QStringLiteral("Unknown")};
        for (const auto &[verdict, name] : verdicts) {
            QCOMPARE(machineName(verdict), QLatin1String(name));
            QCOMPARE(displayText(verdict), verdictTexts.at(int(verdict)));
            Verdict parsed = Verdict::Unknown;
            QVERIFY(verdictFromName(QString::fromLatin1(name), &parsed));
            QCOMPARE(parsed, verdict);
        }
        QCOMPARE(machineName(LayerScope::AllClients), QStringLiteral("all"));
        QCOMPARE(machineName(LayerScope::BasicOnly), QStringLiteral("basic"));
        QCOMPARE(displayText(LayerScope::AllClients), QStringLiteral("All clients"));
        QCOMPARE(displayText(LayerScope::BasicOnly), QStringLiteral("Basic only"));
        LayerScope scope = LayerScope::AllClients;
        QVERIFY(layerScopeFromName(u"Basic", &scope));
        QCOMPARE(scope, LayerScope::BasicOnly);
    }

    void unknownWordsAreRefusedAndLeaveTheValue()
    {
        ReadinessLayer layer = ReadinessLayer::ConditionalAccess;
        QVERIFY(!readinessLayerFromName(u"conditional access", &layer));
        QCOMPARE(layer, ReadinessLayer::ConditionalAccess);
        Verdict verdict = Verdict::Blocked;
        QVERIFY(!verdictFromName(u"", &verdict));
        QCOMPARE(verdict, Verdict::Blocked);
        LayerEffect effect = LayerEffect::Allows;
        QVERIFY(!layerEffectFromName(u"blocks some", &effect));
        LayerScope scope = LayerScope::BasicOnly;
        QVERIFY(!layerScopeFromName(u"oauth", &scope));
    }

    void cutoff()
    {
        QCOMPARE(basicRetirementCutoff(), QDate(2026, 12, 31));
        QCOMPARE(basicRetirementCutoff().toString(Qt::ISODate), QStringLiteral("2026-12-31"));
    }

    void packedVerdictRoundTrips()
    {
        QVERIFY(!PackedVerdict().isValid());
        for (int v = 0; v < 3; ++v) {
            for (int d = -1; d < kReadinessLayerCount; ++d) {
                for (int u = -1; u < kReadinessLayerCount; ++u) {
                    const auto layer = [](int i) {
                        return i < 0 ? std::nullopt : std::optional(ReadinessLayer(i));
                    };
                    const PackedVerdict packed(Verdict(v), layer(d), layer(u));
                    QVERIFY(packed.isValid());
                    QCOMPARE(packed.verdict(), Verdict(v));
                    QCOMPARE(packed.decidedBy(), layer(d));
                    QCOMPARE(packed.firstUnknown(), layer(u));
                    QCOMPARE(PackedVerdict::fromBits(packed.bits()), packed);
                    QCOMPARE(packed.shownLayer(), Verdict(v) == Verdict::Unknown ? layer(u) : layer(d));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestReadinessVocabulary)
#include "test_readinessvocabulary.moc"
