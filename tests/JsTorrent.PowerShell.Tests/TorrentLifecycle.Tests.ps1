# Pester 5 tests of Get-Torrent, Suspend-Torrent, Resume-Torrent, Remove-Torrent and Test-Torrent over the memory preset.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:work = New-TestFolder
    $null = New-TestContent -Folder (Join-Path $work 'content') -Files @{ 'alpha.bin' = 50000; 'beta/one.bin' = 30000; 'beta/two.bin' = 20000; 'gamma.bin' = 40000 }
    foreach ($name in 'alpha.bin', 'beta', 'gamma.bin') {
        $null = New-Torrent -Path (Join-Path $work "content/$name") -Destination (Join-Path $work "$name.torrent") -PieceSize 16KB
    }

    function Add-TestTorrent([string] $Name) {
        # Add-Torrent belongs to another change: add through the .NET API, then take Get-Torrent's object.
        $bt = (Get-TorrentEngine).GetBtEngine()
        $bytes = [IO.File]::ReadAllBytes((Join-Path $script:work "$Name.torrent"))
        $t = Wait-TestTask ($bt.AddTorrentAsync($bytes, $null, [Threading.CancellationToken]::None))
        Get-Torrent -InfoHash $t.InfoHash.ToString()
    }

    function Wait-Condition([scriptblock] $Condition, [string] $What, [int] $TimeoutSeconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $What." }
            Start-Sleep -Milliseconds 20
        }
    }

    function Write-TestContent([JsTorrent.Torrent] $Torrent, [string] $Name) {
        # Puts the content in the torrent's memory root, as a finished download would have left it.
        $fs = $Torrent.GetEngineTorrent().FileSystem
        $source = Join-Path $script:work 'content'
        Get-ChildItem -LiteralPath (Join-Path $source $Name) -File -Recurse | ForEach-Object {
            $relative = [IO.Path]::GetRelativePath($source, $_.FullName) -replace '\\', '/'
            $fs.WriteAllBytes($relative, [IO.File]::ReadAllBytes($_.FullName))
        }
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:work -Recurse -Force
}

Describe 'Get-Torrent' {
    BeforeAll {
        $script:net = Start-TestEngine
        $script:alpha = Add-TestTorrent 'alpha.bin'
        $script:beta = Add-TestTorrent 'beta'
        $script:gamma = Add-TestTorrent 'gamma.bin'
        Suspend-Torrent -Name 'gamma.bin'
    }

    It 'lists every torrent in the engine''s order' {
        (Get-Torrent).Name | Should -Be @('alpha.bin', 'beta', 'gamma.bin')
        Get-Torrent | Should -BeOfType ([JsTorrent.Torrent])
    }

    It 'keeps the engine''s order whatever the order of the names' {
        (Get-Torrent -Name 'gamma*', 'ALPHA.BIN').Name | Should -Be @('alpha.bin', 'gamma.bin')
    }

    It 'finds a torrent by an upper-case info-hash, also from the pipeline' {
        (Get-Torrent -InfoHash $beta.InfoHash.ToUpperInvariant()).Name | Should -Be 'beta'
        ([pscustomobject]@{ InfoHash = $gamma.InfoHash.ToUpperInvariant() } | Get-Torrent).Name | Should -Be 'gamma.bin'
    }

    It 'filters by state, with or without a name' {
        (Get-Torrent -State Stopped).Name | Should -Be 'gamma.bin'
        (Get-Torrent -Name '*.bin' -State Stopped, Checking).Name | Should -Be 'gamma.bin'
        Get-Torrent -Name 'alpha.bin' -State Stopped | Should -BeNullOrEmpty
    }

    It 'writes TorrentNotFound for a missing exact name but nothing for an unmatched wildcard' {
        Get-Torrent -Name 'nosuch*' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
        $found = Get-Torrent -Name 'nosuch', 'beta' -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'beta'
        $err[0].FullyQualifiedErrorId | Should -Be 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.GetTorrentCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports a missing and a malformed info-hash' {
        { Get-Torrent -InfoHash ('0' * 40) -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.GetTorrentCommand'
        { Get-Torrent -InfoHash 'not-a-hash' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInfoHash,JsTorrent.PowerShell.Commands.Torrents.GetTorrentCommand'
    }
}

Describe 'Suspend-Torrent and Resume-Torrent' {
    BeforeEach {
        $script:net = Start-TestEngine
        $script:alpha = Add-TestTorrent 'alpha.bin'
        $script:beta = Add-TestTorrent 'beta'
    }

    It 'suspends every torrent piped from Get-Torrent, and again without error' {
        Get-Torrent | Suspend-Torrent
        Get-Torrent | ForEach-Object { $_.IsSuspended | Should -BeTrue; $_.State | Should -Be 'Stopped' }
        Get-Torrent | Suspend-Torrent -ErrorVariable err
        $err | Should -BeNullOrEmpty
        (Get-Torrent).State | Should -Be @('Stopped', 'Stopped')
    }

    It 'resumes a torrent piped by name and passes it through' {
        Get-Torrent | Suspend-Torrent
        $out = Get-Torrent -Name 'alpha.bin' | Resume-Torrent -PassThru
        $out | Should -BeOfType ([JsTorrent.Torrent])
        $out.Name | Should -Be 'alpha.bin'
        $out.IsSuspended | Should -BeFalse
        $out.State | Should -Be 'Downloading'
        (Get-Torrent -Name 'beta').IsSuspended | Should -BeTrue
        Resume-Torrent -Name 'alpha.bin' -ErrorVariable err
        $err | Should -BeNullOrEmpty
    }

    It 'binds an upper-case InfoHash property of any object' {
        [pscustomobject]@{ InfoHash = $beta.InfoHash.ToUpperInvariant() } | Suspend-Torrent
        (Get-Torrent -Name 'beta').IsSuspended | Should -BeTrue
        (Get-Torrent -Name 'alpha.bin').IsSuspended | Should -BeFalse
        $out = Resume-Torrent -InfoHash $beta.InfoHash.ToUpperInvariant() -PassThru
        $out.InfoHash | Should -Be $beta.InfoHash
        $out.IsSuspended | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        Suspend-Torrent -Name '*' -WhatIf
        (Get-Torrent).IsSuspended | Should -Be @($false, $false)
        Suspend-Torrent -Name 'beta'
        Resume-Torrent -Name 'beta' -WhatIf
        (Get-Torrent -Name 'beta').IsSuspended | Should -BeTrue
    }

    It 'retries a torrent in error' {
        Suspend-Torrent -Name 'beta'
        # A file where the torrent's folder must be: preparing the files fails.
        $fs = $beta.GetEngineTorrent().FileSystem
        $null = Wait-TestTask ($fs.DeleteAsync('beta').AsTask())
        $fs.WriteAllBytes('beta', [byte[]] (1, 2, 3))
        Resume-Torrent -Name 'beta'
        Wait-Condition { (Get-Torrent -Name 'beta').State -eq 'Error' } 'the torrent fails'
        (Get-Torrent -Name 'beta').Error | Should -Not -BeNullOrEmpty

        $null = Wait-TestTask ($fs.DeleteAsync('beta').AsTask())
        $out = Resume-Torrent -Name 'beta' -PassThru
        $out.State | Should -Be 'Downloading'
        $out.Error | Should -BeNullOrEmpty
    }

    It 'reports unknown torrents and bad hashes with their own ErrorIds' {
        { Suspend-Torrent -Name 'nosuch' -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.SuspendTorrentCommand'
        { Resume-Torrent -InfoHash 'xyz' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInfoHash,JsTorrent.PowerShell.Commands.Torrents.ResumeTorrentCommand'
        { Resume-Torrent -InfoHash ('A' * 40) -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.ResumeTorrentCommand'
    }
}

Describe 'Remove-Torrent' {
    BeforeEach {
        $script:net = Start-TestEngine
        $script:alpha = Add-TestTorrent 'alpha.bin'
        $script:beta = Add-TestTorrent 'beta'
        Write-TestContent $alpha 'alpha.bin'
        Write-TestContent $beta 'beta'
        $script:fs = $alpha.GetEngineTorrent().FileSystem
        $fs.WriteAllBytes('unrelated.txt', [byte[]] (7, 8, 9))
        $fs.WriteAllBytes('beta/notes.txt', [byte[]] (1))
    }

    It 'shares one memory root between the torrents' {
        [object]::ReferenceEquals($fs, $beta.GetEngineTorrent().FileSystem) | Should -BeTrue
    }

    It 'deletes with -DeleteData only the removed torrent''s files' {
        $out = Get-Torrent -Name 'beta' | Remove-Torrent -DeleteData -Force -PassThru
        $out.Name | Should -Be 'beta'
        (Get-Torrent).Name | Should -Be 'alpha.bin'
        Wait-TestTask ($fs.ExistsAsync('beta/one.bin').AsTask()) | Should -BeFalse
        Wait-TestTask ($fs.ExistsAsync('beta/two.bin').AsTask()) | Should -BeFalse
        # The folder holds a file that is not the torrent's, so it stays with it.
        $fs.ReadAllBytes('beta/notes.txt') | Should -Be @(1)
        $fs.ReadAllBytes('unrelated.txt') | Should -Be @(7, 8, 9)
        $fs.ReadAllBytes('alpha.bin').Length | Should -Be 50000
    }

    It 'keeps the files without -DeleteData' {
        Remove-Torrent -InfoHash $alpha.InfoHash.ToUpperInvariant() -Confirm:$false
        (Get-Torrent).Name | Should -Be 'beta'
        $fs.ReadAllBytes('alpha.bin').Length | Should -Be 50000
    }

    It 'changes nothing with -WhatIf, even with -Force' {
        Remove-Torrent -Name '*' -DeleteData -Force -WhatIf
        (Get-Torrent).Count | Should -Be 2
        $fs.ReadAllBytes('beta/one.bin').Length | Should -Be 30000
    }

    It 'reports an unknown name and a bad hash' {
        { Remove-Torrent -Name 'nosuch' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.RemoveTorrentCommand'
        { Remove-Torrent -InfoHash '12345' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInfoHash,JsTorrent.PowerShell.Commands.Torrents.RemoveTorrentCommand'
        (Get-Torrent).Count | Should -Be 2
    }

    It 'declares ConfirmImpact High' {
        $cmd = Get-Command Remove-Torrent
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Test-Torrent' {
    BeforeAll {
        $script:net = Start-TestEngine
    }

    It 'finds the piece corrupted on disk and writes progress' {
        $seeder = New-TestSeeder -Network $net -TorrentPath (Join-Path $work 'alpha.bin.torrent') -ContentParent (Join-Path $work 'content')
        try {
            # Progress records can only be read from another PowerShell instance, which has its own engine.
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                param($helpers, $module, $net, $torrentFile, $seederAddress, $seederPort)
                Import-Module $helpers
                Import-Module $module
                $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $net
                $bt = (Get-TorrentEngine).GetBtEngine()
                $t = Wait-TestTask ($bt.AddTorrentAsync([IO.File]::ReadAllBytes($torrentFile), $null, [Threading.CancellationToken]::None))
                $null = Wait-TestTask ($t.AddPeerAsync($seederAddress, $seederPort))
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($t.State -ne 'Seeding') {
                    if ([DateTime]::UtcNow -gt $deadline) { throw "The download did not complete (state $($t.State))." }
                    Start-Sleep -Milliseconds 20
                }

                # Suspended, so nothing fetches the bad piece again before the result is read.
                Suspend-Torrent -Name 'alpha.bin'
                $bytes = $t.FileSystem.ReadAllBytes('alpha.bin')
                $bytes[20000] = $bytes[20000] -bxor 0xFF
                $t.FileSystem.WriteAllBytes('alpha.bin', $bytes)
                Test-Torrent -Name 'alpha.bin'
                Stop-TorrentEngine
            }).AddParameters(@{
                helpers = (Join-Path $PSScriptRoot 'TestHelpers.psm1'); module = (Get-TestModulePath); net = $net
                torrentFile = (Join-Path $work 'alpha.bin.torrent'); seederAddress = $seeder.Address; seederPort = $seeder.Port
            })
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $progress = @($ps.Streams.Progress | Where-Object ActivityId -EQ 0x4A55)
            $ps.Dispose()
        }
        finally {
            $seeder | Remove-TestSeeder
        }

        $result.Count | Should -Be 1
        $check = $result[0]
        $check.PSObject.TypeNames[0] | Should -Be 'JsTorrent.TorrentCheckResult'
        $check.Name | Should -Be 'alpha.bin'
        $check.PieceCount | Should -Be 4
        $check.ValidPieces | Should -Be 3
        $check.MissingPieces | Should -Be 1
        $check.IsComplete | Should -BeFalse
        $check.BytesValid | Should -Be (50000 - 16384)
        $check.IncompleteFiles | Should -Be @('alpha.bin')
        $check.MissingFiles | Should -BeNullOrEmpty
        $progress.Count | Should -BeGreaterOrEqual 2
        $progress[0].RecordType | Should -Be 'Processing'
        $progress[-1].RecordType | Should -Be 'Completed'
        $progress[-1].PercentComplete | Should -Be 100
        $progress.StatusDescription | Should -Contain "Checking 'alpha.bin'"
    }

    It 'reports missing files and changes nothing with -WhatIf' {
        $beta = Add-TestTorrent 'beta'
        Suspend-Torrent -Name 'beta'
        Write-TestContent $beta 'beta'
        $null = Wait-TestTask ($beta.GetEngineTorrent().FileSystem.DeleteAsync('beta/two.bin').AsTask())

        Test-Torrent -Name 'beta' -WhatIf | Should -BeNullOrEmpty
        (Get-Torrent -Name 'beta').VerifiedPieces | Should -Be 0

        $check = Get-Torrent -Name 'beta' | Test-Torrent
        # Piece 1 spans both files: one.bin is incomplete too, but on disk.
        $check.IncompleteFiles | Should -Be @('beta/one.bin', 'beta/two.bin')
        $check.MissingFiles | Should -Be @('beta/two.bin')
        $check.ValidPieces | Should -Be 1
        (Get-Torrent -Name 'beta').IsSuspended | Should -BeTrue
    }

    It 'reports an unknown torrent' {
        { Test-Torrent -Name 'nosuch' -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.TestTorrentCommand'
    }
}
