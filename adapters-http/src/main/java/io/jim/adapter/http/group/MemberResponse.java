package io.jim.adapter.http.group;

import io.jim.application.port.in.group.Member;

/** A group member as JSON; role OWNER, ADMIN or MEMBER. */
public record MemberResponse(long userId, String nickname, String avatarUrl, String role, String label, long joinedAt) {

    public static MemberResponse of(Member m) {
        return new MemberResponse(m.member().userId().value(), m.user().profile().nickname(), m.user().profile().avatarUrl(),
                m.member().role().name(), m.member().label(), m.member().joinedAt().toEpochMilli());
    }
}
