-- jim schema, version 1. Runs unchanged on MariaDB 10.11+, MySQL 8 and H2 (MODE=MySQL), and is the
-- input of jOOQ's DDLDatabase code generation. Rules that keep all three happy:
--   * signed BIGINT ids, no UNSIGNED, BOOLEAN rather than TINYINT(1);
--   * secondary indexes as separate CREATE INDEX statements (DDLDatabase rejects inline KEY);
--   * no prefix or FULLTEXT indexes, no reserved words as names (hence chat_groups, seq, *_type).
-- Times are epoch milliseconds in BIGINT columns: the wire protocol speaks epoch ms, and a plain
-- number avoids every time-zone and DATETIME-precision difference between the databases and drivers.
-- VARCHAR lengths are twice the domain limits because H2 counts UTF-16 units where MySQL counts code
-- points; the domain enforces the real limits.
-- No foreign keys: they would add shared locks to the hot inbox/message inserts, and every write
-- goes through the application, which checks existence itself.

CREATE TABLE users (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    account       VARCHAR(64)   NOT NULL,
    nickname      VARCHAR(64)   NOT NULL,
    sex           INT           NOT NULL DEFAULT 0,
    avatar_url    VARCHAR(512)  NOT NULL DEFAULT '',
    extra         TEXT          NOT NULL,
    password_hash VARCHAR(255)  NOT NULL,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_account UNIQUE (account)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per user, inserted in the same transaction as the user: sends only ever UPDATE it, so the
-- send path never needs an insert-if-absent (which deadlocks with row locks under InnoDB).
CREATE TABLE inbox_counters (
    user_id       BIGINT NOT NULL,
    last_sequence BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE devices (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    user_id            BIGINT       NOT NULL,
    device_type        INT          NOT NULL,
    brand              VARCHAR(128) NOT NULL DEFAULT '',
    model              VARCHAR(128) NOT NULL DEFAULT '',
    system_version     VARCHAR(128) NOT NULL DEFAULT '',
    app_version        VARCHAR(128) NOT NULL DEFAULT '',
    token_hash         VARCHAR(255) NULL,
    last_send_sequence BIGINT       NOT NULL DEFAULT 0,
    acked_sequence     BIGINT       NOT NULL DEFAULT 0,
    created_at         BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_devices_user ON devices (user_id);

CREATE TABLE friend_requests (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    from_user_id BIGINT        NOT NULL,
    to_user_id   BIGINT        NOT NULL,
    message      VARCHAR(1024) NOT NULL DEFAULT '',
    status       VARCHAR(16)   NOT NULL,
    created_at   BIGINT        NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_friend_requests_to ON friend_requests (to_user_id, status, created_at);
CREATE INDEX idx_friend_requests_from ON friend_requests (from_user_id, status, created_at);

-- A friendship is two directed rows, each with the owner's private remark about the friend.
CREATE TABLE friendships (
    owner_id  BIGINT      NOT NULL,
    friend_id BIGINT      NOT NULL,
    remark    VARCHAR(64) NOT NULL DEFAULT '',
    since     BIGINT      NOT NULL,
    PRIMARY KEY (owner_id, friend_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE chat_groups (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    name         VARCHAR(64)   NOT NULL,
    introduction VARCHAR(1024) NOT NULL DEFAULT '',
    avatar_url   VARCHAR(512)  NOT NULL DEFAULT '',
    extra        TEXT          NOT NULL,
    owner_id     BIGINT        NOT NULL,
    member_count INT           NOT NULL DEFAULT 0,
    created_at   BIGINT        NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE group_members (
    group_id  BIGINT      NOT NULL,
    user_id   BIGINT      NOT NULL,
    role      VARCHAR(16) NOT NULL,
    label     VARCHAR(64) NOT NULL DEFAULT '',
    joined_at BIGINT      NOT NULL,
    PRIMARY KEY (group_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_group_members_user ON group_members (user_id);

-- Every message is stored once; inbox rows point at it. send_sequence is NULL for sends that are not
-- numbered (HTTP without send_sequence, business and system messages): NULLs never collide in the
-- unique key. sender_sequence is the sequence of the receipt (the sender's own copy) so that a
-- retransmission can be answered with the original ack from this row alone.
CREATE TABLE messages (
    id               BIGINT     NOT NULL,
    sender_type      INT        NOT NULL,
    sender_id        BIGINT     NOT NULL,
    sender_device_id BIGINT     NOT NULL,
    receiver_type    INT        NOT NULL,
    receiver_id      BIGINT     NOT NULL,
    message_type     INT        NOT NULL,
    content          MEDIUMTEXT NOT NULL,
    to_user_ids      TEXT       NOT NULL,
    send_time        BIGINT     NOT NULL,
    send_sequence    BIGINT     NULL,
    sender_sequence  BIGINT     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_messages_send UNIQUE (sender_device_id, send_sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The per-user inbox: (owner, sequence) → message. The primary key is the sync query's index.
CREATE TABLE inbox (
    user_id    BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Id segments (goim's t_lid): a process reserves [next_id, next_id + block) with one UPDATE.
CREATE TABLE id_segments (
    name    VARCHAR(64) NOT NULL,
    next_id BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO id_segments (name, next_id) VALUES ('message', 1);
