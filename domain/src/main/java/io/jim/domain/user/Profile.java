package io.jim.domain.user;

import io.jim.domain.shared.Text;
import java.util.Objects;

/** The editable, public-facing part of a user: nickname (1-32), sex, avatar URL (0-256), extra JSON (≤ 4 KiB). */
public record Profile(String nickname, Sex sex, String avatarUrl, String extra) {

    public static final int MAX_EXTRA_BYTES = 4096;

    public Profile {
        nickname = Text.bounded("nickname", nickname, 1, 32);
        Objects.requireNonNull(sex, "sex");
        avatarUrl = Text.bounded("avatar_url", avatarUrl, 0, 256);
        extra = Extra.check(extra);
    }
}
