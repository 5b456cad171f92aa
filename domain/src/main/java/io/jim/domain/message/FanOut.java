package io.jim.domain.message;

import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Write diffusion: decides whose inboxes receive a copy of a message. Pure; the membership facts
 * come in as arguments.
 */
public final class FanOut {

    private FanOut() {
    }

    /** A 1:1 message: the sender's inbox and the receiver's (the sender first). */
    public static List<UserId> direct(UserId sender, UserId receiver) {
        if (sender.equals(receiver)) {
            return List.of(sender);
        }
        return List.of(sender, receiver);
    }

    /** A group message: every member's inbox, the sender included, each once, in ascending id order. */
    public static List<UserId> group(Collection<UserId> members) {
        return distinctSorted(members);
    }

    /** A business or system message: exactly the named users, each once, in ascending id order. */
    public static List<UserId> users(Collection<UserId> users) {
        return distinctSorted(users);
    }

    private static List<UserId> distinctSorted(Collection<UserId> users) {
        List<UserId> out = new ArrayList<>(new LinkedHashSet<>(users));
        out.sort(null);
        return List.copyOf(out);
    }
}
