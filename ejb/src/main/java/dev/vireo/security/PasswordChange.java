package dev.vireo.security;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Nano's password change: the old password, to prove it is the user, and the new one. The user's
 * sessions and API tokens end with the old password; {@code keep_tokens: true} keeps the tokens.
 */
public record PasswordChange(@JsonbProperty("old") String oldPassword, @JsonbProperty("new") String newPassword,
                             @JsonbProperty("keep_tokens") Boolean keepTokens) {
}
