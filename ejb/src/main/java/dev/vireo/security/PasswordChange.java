package dev.vireo.security;

import jakarta.json.bind.annotation.JsonbProperty;

/** Nano's password change: the old password, to prove it is the user, and the new one. */
public record PasswordChange(@JsonbProperty("old") String oldPassword, @JsonbProperty("new") String newPassword) {
}
