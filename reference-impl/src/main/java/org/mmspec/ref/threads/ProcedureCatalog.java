package org.mmspec.ref.threads;

import java.util.List;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.fault.DoAnonymousPage;
import org.mmspec.ref.fault.DoFault;
import org.mmspec.ref.fault.DoFaultAround;
import org.mmspec.ref.fault.DoPageFault;
import org.mmspec.ref.fault.DoSwapPage;
import org.mmspec.ref.fault.DoWpPage;
import org.mmspec.ref.fault.FilemapFault;
import org.mmspec.ref.fault.HandleMmFault;
import org.mmspec.ref.fault.WpPageCopy;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.gup.FollowPage;
import org.mmspec.ref.gup.GetUserPages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pagelock.WaitOnPageBit;
import org.mmspec.ref.proc.AllocFree;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.SendSignal;
import org.mmspec.ref.proc.UnmapPage;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.Kswapd;
import org.mmspec.ref.reclaim.MadvisePageout;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkInactiveList;
import org.mmspec.ref.reclaim.ShrinkPage;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.rmapwalk.PageReferenced;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.unmap.TruncateRange;
import org.mmspec.ref.unmap.UnmapMappingRange;
import org.mmspec.ref.unmap.ZapPteRange;

/** The list of every procedure, in a fixed order (their frame numbers). Append new procedures at the end. */
final class ProcedureCatalog {

    private ProcedureCatalog() {
    }

    static List<Procedure> all() {
        return List.of(
                LockPage.INSTANCE, UnlockPage.INSTANCE, WaitOnPageBit.INSTANCE, PageBitWaits.INSTANCE,
                AllocPages.INSTANCE,
                DoPageFault.INSTANCE, HandleMmFault.INSTANCE, DoAnonymousPage.INSTANCE, DoFault.INSTANCE,
                FilemapFault.INSTANCE, DoWpPage.INSTANCE, WpPageCopy.INSTANCE, DoSwapPage.INSTANCE,
                RmapWalk.INSTANCE, PageReferenced.INSTANCE,
                ShrinkPage.INSTANCE, ShrinkInactiveList.INSTANCE, ShrinkActiveList.INSTANCE, ShrinkZone.INSTANCE,
                Kswapd.INSTANCE,
                ZapPteRange.INSTANCE, Munmap.INSTANCE, MadviseDontneed.INSTANCE, Mprotect.INSTANCE,
                UnmapMappingRange.INSTANCE, TruncateRange.INSTANCE, MadviseRemove.INSTANCE,
                Fork.INSTANCE,
                FollowPage.INSTANCE, GetUserPages.INSTANCE, AccessRemoteVm.INSTANCE,
                UserAccess.INSTANCE, FileWrite.INSTANCE, UnmapPage.INSTANCE, PageLockUser.INSTANCE,
                SendSignal.INSTANCE, AllocFree.INSTANCE,
                DoFaultAround.INSTANCE, MadvisePageout.INSTANCE);
    }
}
