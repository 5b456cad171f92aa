package io.jim.domain.archfixture;

import io.netty.buffer.ByteBuf;

/** A deliberate violation, used only to prove that the domain rule can fail. */
public class BadDomainClass {

    public int size(ByteBuf buf) {
        return buf.readableBytes();
    }
}
