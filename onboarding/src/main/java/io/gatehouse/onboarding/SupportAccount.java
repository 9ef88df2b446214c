package io.gatehouse.onboarding;

/**
 * An organization's support account, as created: the only time its password and TOTP secret are
 * shown. {@code qrCode} is a PNG (base64) of {@code otpauthUri} for an authenticator app.
 */
public record SupportAccount(String userId, String username, String password, String totpSecret, String otpauthUri, String qrCode) {
}
