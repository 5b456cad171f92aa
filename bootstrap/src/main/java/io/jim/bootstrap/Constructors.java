package io.jim.bootstrap;

import java.lang.reflect.Constructor;

/** Finds the one public constructor of a class that carries no DI annotations, for Guice's toConstructor. */
final class Constructors {

    private Constructors() {
    }

    @SuppressWarnings("unchecked")
    static <S> Constructor<S> onlyPublic(Class<S> type) {
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " must have exactly one public constructor");
        }
        return (Constructor<S>) constructors[0];
    }
}
