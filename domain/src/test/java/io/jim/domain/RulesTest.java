package io.jim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupPolicy;
import io.jim.domain.group.GroupRole;
import io.jim.domain.message.FanOut;
import io.jim.domain.message.ServerCommand;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static GroupMember member(long user, GroupRole role) {
        return new GroupMember(GroupId.of(1), UserId.of(user), role, "", T0);
    }

    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void fanOutShouldWriteADirectMessageIntoSenderAndReceiverInboxes() {
        assertThat(FanOut.direct(UserId.of(5), UserId.of(2))).containsExactly(UserId.of(5), UserId.of(2));
    }

    @Test
    void fanOutShouldWriteAGroupMessageIntoEveryMemberOnceInIdOrder() {
        assertThat(FanOut.group(List.of(UserId.of(3), UserId.of(1), UserId.of(3), UserId.of(2))))
                .containsExactly(UserId.of(1), UserId.of(2), UserId.of(3));
    }

    @Test
    void serverCommandShouldRenderTheContractJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("group_id", 7L);
        data.put("by", 1L);
        data.put("user_ids", List.of(1L, 2L));
        data.put("name", "Tea \"time\"\n");
        assertThat(new ServerCommand(ServerCommand.MEMBERS_ADDED, data).toJson())
                .isEqualTo("{\"code\":120,\"data\":{\"group_id\":7,\"by\":1,\"user_ids\":[1,2],\"name\":\"Tea \\\"time\\\"\\n\"}}");
    }

    @Test
    void friendRequestToOneselfShouldBeInvalid() {
        assertThat(codeOf(() -> FriendRequest.validateNew(UserId.of(1), UserId.of(1), ""))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void onlyTheReceiverShouldDecideAPendingFriendRequest() {
        var request = new FriendRequest(FriendRequestId.of(1), UserId.of(1), UserId.of(2), "hi", FriendRequestStatus.PENDING, T0);
        assertThat(codeOf(() -> request.checkDecidableBy(UserId.of(1)))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThatCode(() -> request.checkDecidableBy(UserId.of(2))).doesNotThrowAnyException();
        assertThat(codeOf(() -> request.withStatus(FriendRequestStatus.ACCEPTED).checkDecidableBy(UserId.of(2))))
                .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void groupPermissionMatrixShouldFollowTheContract() {
        var owner = member(1, GroupRole.OWNER);
        var admin = member(2, GroupRole.ADMIN);
        var admin2 = member(4, GroupRole.ADMIN);
        var plain = member(3, GroupRole.MEMBER);

        assertThat(codeOf(() -> GroupPolicy.checkCanUpdate(admin))).isNull();
        assertThat(codeOf(() -> GroupPolicy.checkCanUpdate(plain))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(codeOf(() -> GroupPolicy.checkCanDissolve(admin))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(codeOf(() -> GroupPolicy.checkCanDissolve(owner))).isNull();

        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(owner, admin))).isNull();
        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(admin, plain))).isNull();
        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(admin, admin2))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(admin, owner))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(plain, admin))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(plain, plain))).isNull();
        assertThat(codeOf(() -> GroupPolicy.checkCanRemove(owner, owner))).isEqualTo(ErrorCode.CONFLICT);

        assertThat(codeOf(() -> GroupPolicy.checkCanChangeRole(owner, plain, GroupRole.ADMIN))).isNull();
        assertThat(codeOf(() -> GroupPolicy.checkCanChangeRole(owner, plain, GroupRole.OWNER))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(codeOf(() -> GroupPolicy.checkCanChangeRole(owner, owner, GroupRole.MEMBER))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(codeOf(() -> GroupPolicy.checkCanChangeRole(admin, plain, GroupRole.ADMIN))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void groupCapacityShouldRefusePastTheLimit() {
        assertThat(codeOf(() -> GroupPolicy.checkCapacity(2000, 2000))).isNull();
        assertThat(codeOf(() -> GroupPolicy.checkCapacity(2001, 2000))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void roleNamesShouldParseCaseInsensitivelyAndRejectUnknownOnes() {
        assertThat(GroupRole.parse("admin")).isEqualTo(GroupRole.ADMIN);
        assertThatThrownBy(() -> GroupRole.parse("boss")).isInstanceOf(DomainException.class);
    }
}
