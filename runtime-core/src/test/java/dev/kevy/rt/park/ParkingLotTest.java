package dev.kevy.rt.park;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParkingLotTest {
    private final CountingWaker[] wakers = CountingWaker.many(4);
    private final ParkingLot lot = new ParkingLot(wakers);

    @Test
    void announcedShardIsParkedUntilCleared() {
        assertFalse(lot.isParked(2));
        lot.announcePark(2);
        assertTrue(lot.isParked(2));
        assertFalse(lot.isParked(1), "flags are independent");
        lot.clearPark(2);
        assertFalse(lot.isParked(2));
    }

    @Test
    void wakeParkedWakesExactlyTheParkedTargetsListed() {
        lot.announcePark(1);
        lot.announcePark(3);
        int[] targets = {1, 2, 0};
        assertEquals(1, lot.wakeParked(targets, 2), "3 is parked but not listed; 0 is beyond count");
        assertEquals(1, wakers[1].wakes.get());
        assertEquals(0, wakers[2].wakes.get());
        assertEquals(0, wakers[3].wakes.get());
        assertEquals(0, wakers[0].wakes.get());
    }

    @Test
    void nothingToWakeWithNoTargets() {
        lot.announcePark(0);
        assertEquals(0, lot.wakeParked(new int[0], 0));
        assertEquals(0, wakers[0].wakes.get());
    }

    @Test
    void wakeIfParkedWakesTheOneShardOnlyWhileItIsParked() {
        assertFalse(lot.wakeIfParked(2), "not parked: no wake");
        lot.announcePark(2);
        assertTrue(lot.wakeIfParked(2));
        assertTrue(lot.wakeIfParked(2), "each call while parked wakes; the caller coalesces if it wants");
        assertEquals(2, wakers[2].wakes.get());
        lot.clearPark(2);
        assertFalse(lot.wakeIfParked(2));
        assertEquals(2, wakers[2].wakes.get());
        assertEquals(0, wakers[0].wakes.get() + wakers[1].wakes.get() + wakers[3].wakes.get());
        assertThrows(IndexOutOfBoundsException.class, () -> lot.wakeIfParked(4));
    }

    @Test
    void shardIndexesAreChecked() {
        assertThrows(IndexOutOfBoundsException.class, () -> lot.announcePark(4));
        assertThrows(IndexOutOfBoundsException.class, () -> lot.isParked(-1));
        assertThrows(IllegalArgumentException.class, ParkingLot::new);
        assertThrows(NullPointerException.class, () -> new ParkingLot(wakers[0], null));
        assertSame(wakers[3], lot.waker(3));
        assertEquals(4, lot.shards());
    }
}
