package io.jim.domain.group;

import io.jim.domain.shared.Text;
import io.jim.domain.user.Extra;

/** The editable description of a group: name (1-32), introduction (0-512), avatar URL (0-256), extra (≤ 4 KiB). */
public record GroupProfile(String name, String introduction, String avatarUrl, String extra) {

    public GroupProfile {
        name = Text.bounded("name", name, 1, 32);
        introduction = Text.bounded("introduction", introduction, 0, 512);
        avatarUrl = Text.bounded("avatar_url", avatarUrl, 0, 256);
        extra = Extra.check(extra);
    }
}
