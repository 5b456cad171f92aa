package io.jim.bootstrap;

import com.google.inject.AbstractModule;
import io.jim.adapter.mysql.Storage;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.StorageHealth;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import java.util.Objects;

/** The storage ports, implemented by an already opened (pooled and migrated) {@link Storage}. */
public final class StorageModule extends AbstractModule {

    private final Storage storage;

    public StorageModule(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    protected void configure() {
        bind(UnitOfWork.class).toInstance(storage.unitOfWork());
        bind(UserRepository.class).toInstance(storage.users());
        bind(DeviceRepository.class).toInstance(storage.devices());
        bind(FriendRepository.class).toInstance(storage.friends());
        bind(GroupRepository.class).toInstance(storage.groups());
        bind(InboxSequenceAllocator.class).toInstance(storage.inboxSequences());
        bind(InboxRepository.class).toInstance(storage.inbox());
        bind(MessageStore.class).toInstance(storage.messageStore());
        bind(MessageIdGenerator.class).toInstance(storage.messageIds());
        bind(StorageHealth.class).toInstance(storage.health());
    }
}
