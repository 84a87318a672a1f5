# Pester 5 tests of Get-, Set- and Remove-TorrentStorageRoot on the memory preset (plus folder checks on the native preset).
# Torrents are added through the engine's .NET API, so these tests do not depend on Add-Torrent.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # Loads JsTorrent.Adapters (the type of -MemoryNetwork), so Start-TestEngine can name MemoryNetwork in a fresh process.
    $null = (Get-Command Start-TorrentEngine).Parameters['MemoryNetwork'].ParameterType
    $script:Net = Start-TestEngine
    $script:Work = New-TestFolder
    $script:Content = New-TestContent -Folder $script:Work -Files @{ 'alpha.bin' = 40000; 'beta.bin' = 30000 }
    $script:Torrents = foreach ($file in $script:Content) {
        $path = "$file.torrent"
        $null = New-Torrent -Path $file -Destination $path -PieceSize 16KB -NoCreationDate
        $path
    }

    $script:Cmd = 'JsTorrent.PowerShell.Commands.StorageRoots'

    function Add-TestTorrent([string] $TorrentPath, [string] $Root, [switch] $Running) {
        # Stopped unless -Running: there is no peer to download from; only where its content goes matters.
        $options = [JsTorrent.Engine.Core.AddTorrentOptions]::new()
        $options.Stopped = -not $Running
        if ($Root) { $options.StorageRoot = $Root }
        $bt = (Get-TorrentEngine).GetBtEngine()
        Wait-TestTask ($bt.AddTorrentAsync([IO.File]::ReadAllBytes($TorrentPath), $options, [Threading.CancellationToken]::None))
    }

    function Remove-TestTorrents {
        $bt = (Get-TorrentEngine).GetBtEngine()
        foreach ($t in @($bt.Torrents)) { Wait-TestTask ($bt.RemoveTorrentAsync($t, $false, [Threading.CancellationToken]::None)) }
    }

    function Wait-TestState($Torrent, [string] $State, [int] $TimeoutSeconds = 10) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while ("$($Torrent.State)" -ne $State) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "The torrent stayed $($Torrent.State), not $State." }
            Start-Sleep -Milliseconds 20
        }
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:Work -Recurse -Force
}

Describe 'Storage roots on the memory preset' {
    BeforeEach {
        Remove-TestTorrents
        $null = Set-TorrentStorageRoot -Name downloads -Default
        Get-TorrentStorageRoot | Where-Object Label -ne 'downloads' | Remove-TorrentStorageRoot -Force -WarningAction SilentlyContinue
    }

    It 'starts with the preset''s default root' {
        $roots = @(Get-TorrentStorageRoot)
        $roots.Count | Should -Be 1
        $roots[0] | Should -BeOfType ([JsTorrent.StorageRoot])
        $roots[0].Label | Should -Be 'downloads'
        $roots[0].Path | Should -Be 'memory:/downloads'
        $roots[0].IsDefault | Should -BeTrue
        (Get-TorrentStorageRoot -Default).Token | Should -Be $roots[0].Token
    }

    It 'registers a root with a label, finds it by label, token and wildcard, and keeps the label when updated' {
        $root = Set-TorrentStorageRoot -Path archive -Label Archive -PassThru
        $root.Label | Should -Be 'Archive'
        $root.Path | Should -Be 'memory:/archive'
        $root.IsDefault | Should -BeFalse
        $root.TorrentCount | Should -Be 0

        (Get-TorrentStorageRoot -Name archive).Token | Should -Be $root.Token
        (Get-TorrentStorageRoot -Name $root.Token).Label | Should -Be 'Archive'
        @(Get-TorrentStorageRoot -Name 'arch*', 'down*').Label | Should -Be @('Archive', 'downloads')
        @(Get-TorrentStorageRoot).Count | Should -Be 2

        (Set-TorrentStorageRoot -Path 'memory:/archive' -PassThru).Label | Should -Be 'Archive'
        @(Get-TorrentStorageRoot).Count | Should -Be 2
    }

    It 'makes a root the default, and new torrents go to the default root' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        $default = Set-TorrentStorageRoot -Name Archive -Default -PassThru
        $default.IsDefault | Should -BeTrue
        (Get-TorrentStorageRoot -Default).Label | Should -Be 'Archive'
        (Get-TorrentStorageRoot -Name downloads).IsDefault | Should -BeFalse

        $torrent = Add-TestTorrent $script:Torrents[0]
        $root = [pscustomobject]@{ InfoHash = $torrent.InfoHash.ToString() } | Get-TorrentStorageRoot
        $root.Label | Should -Be 'Archive'
        $root.TorrentCount | Should -Be 1
    }

    It 'makes a piped root the default' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        Get-TorrentStorageRoot -Name Archive | Set-TorrentStorageRoot -Default
        (Get-TorrentStorageRoot -Default).Label | Should -Be 'Archive'
    }

    It 'puts piped torrents in another root, and their Path follows' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        $a = Add-TestTorrent $script:Torrents[0]
        $b = Add-TestTorrent $script:Torrents[1]

        $moved = @($a, $b | ForEach-Object { [pscustomobject]@{ InfoHash = $_.InfoHash.ToString() } } | Set-TorrentStorageRoot -Name Archive -PassThru)
        $moved.Count | Should -Be 2
        $moved[0] | Should -BeOfType ([JsTorrent.Torrent])
        $moved.StorageRoot | Should -Be @('Archive', 'Archive')
        $moved[0].Path | Should -Be 'memory:/archive/alpha.bin'
        (Get-TorrentStorageRoot -Name Archive).TorrentCount | Should -Be 2

        # A JsTorrent.Torrent binds by value, as Get-Torrent output does.
        $back = $moved[0] | Set-TorrentStorageRoot -Name downloads -PassThru
        $back.Path | Should -Be 'memory:/downloads/alpha.bin'
        $a.StorageRootToken | Should -Be (Get-TorrentStorageRoot -Name downloads).Token

        # The roots of piped torrents, each root once.
        @($moved | Get-TorrentStorageRoot).Label | Should -Be @('downloads', 'Archive')
    }

    It 'refuses to remove a root that torrents use, with its own ErrorId' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        $torrent = Add-TestTorrent $script:Torrents[0] -Root Archive

        Remove-TorrentStorageRoot -Name Archive -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "StorageRootInUse,$script:Cmd.RemoveTorrentStorageRootCommand"
        $err[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $err[0].Exception.Message | Should -Match $torrent.InfoHash.ToString()
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-TorrentStorageRoot -Name Archive | Should -Not -BeNullOrEmpty
    }

    It 'removes a root in use with -Force and leaves its torrents waiting for a root' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        $torrent = Add-TestTorrent $script:Torrents[0] -Root Archive -Running

        $removed = Remove-TorrentStorageRoot -Name Archive -Force -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $removed.Label | Should -Be 'Archive'
        $removed.TorrentCount | Should -Be 1
        "$warnings" | Should -Match 'alpha\.bin'
        Get-TorrentStorageRoot -Name Archive -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $torrent.StorageRootToken | Should -BeNullOrEmpty
        Wait-TestState $torrent 'NeedsStorageRoot'
    }

    It 'changes nothing with -WhatIf' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        $torrent = Add-TestTorrent $script:Torrents[0]
        $before = @(Get-TorrentStorageRoot | ForEach-Object { "$($_.Token)|$($_.Label)|$($_.IsDefault)|$($_.TorrentCount)" })

        Set-TorrentStorageRoot -Path other -Label Other -WhatIf
        Set-TorrentStorageRoot -Path archive -Label Renamed -WhatIf
        Set-TorrentStorageRoot -Name Archive -Default -WhatIf
        [pscustomobject]@{ InfoHash = $torrent.InfoHash.ToString() } | Set-TorrentStorageRoot -Name Archive -WhatIf
        Remove-TorrentStorageRoot -Name downloads -Force -WhatIf

        @(Get-TorrentStorageRoot | ForEach-Object { "$($_.Token)|$($_.Label)|$($_.IsDefault)|$($_.TorrentCount)" }) | Should -Be $before
        $torrent.StorageRootToken | Should -Be (Get-TorrentStorageRoot -Name downloads).Token
    }

    It 'reports an unknown root as StorageRootNotFound' {
        Get-TorrentStorageRoot -Name nowhere -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "StorageRootNotFound,$script:Cmd.GetTorrentStorageRootCommand"
        @(Get-TorrentStorageRoot -Name 'nowhere*').Count | Should -Be 0

        Set-TorrentStorageRoot -Name nowhere -Default -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "StorageRootNotFound,$script:Cmd.SetTorrentStorageRootCommand"
        Remove-TorrentStorageRoot -Name nowhere -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "StorageRootNotFound,$script:Cmd.RemoveTorrentStorageRootCommand"

        $torrent = Add-TestTorrent $script:Torrents[0]
        { [pscustomobject]@{ InfoHash = $torrent.InfoHash.ToString() } | Set-TorrentStorageRoot -Name nowhere } |
            Should -Throw -ErrorId "StorageRootNotFound,$script:Cmd.SetTorrentStorageRootCommand"
    }

    It 'reports a label shared by two roots as AmbiguousStorageRoot, and takes a token instead' {
        $one = Set-TorrentStorageRoot -Path twin-1 -Label Twin -PassThru
        $two = Set-TorrentStorageRoot -Path twin-2 -Label Twin -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match 'token'

        Remove-TorrentStorageRoot -Name twin -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "AmbiguousStorageRoot,$script:Cmd.RemoveTorrentStorageRootCommand"
        $err[0].Exception.Message | Should -Match $one.Token
        $err[0].Exception.Message | Should -Match $two.Token

        Remove-TorrentStorageRoot -Name $one.Token
        (Get-TorrentStorageRoot -Name twin).Token | Should -Be $two.Token
    }

    It 'rejects an invalid label with InvalidStorageRootLabel' {
        Set-TorrentStorageRoot -Path bad -Label "tab`there" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidStorageRootLabel,$script:Cmd.SetTorrentStorageRootCommand"
        @(Get-TorrentStorageRoot).Count | Should -Be 1
    }

    It 'completes a root label with Tab' {
        $null = Set-TorrentStorageRoot -Path archive -Label Archive
        foreach ($line in 'Set-TorrentStorageRoot -Name arc', 'Remove-TorrentStorageRoot arc', 'Get-TorrentStorageRoot -Name Arc') {
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Should -Contain 'Archive' -Because $line
            $completion.CompletionMatches.CompletionText | Should -Not -Contain 'downloads'
        }
    }
}

Describe 'Storage root folders on the native preset' {
    BeforeAll {
        $script:NativeWork = New-TestFolder
        Stop-TorrentEngine
        $null = Start-TorrentEngine -Preset Native -NoSession -Port 0 -DownloadPath (Join-Path $script:NativeWork 'downloads')
    }

    AfterAll {
        Stop-TorrentEngine
        Remove-Item -LiteralPath $script:NativeWork -Recurse -Force
    }

    It 'refuses a missing folder unless -Force creates it' {
        $folder = Join-Path $script:NativeWork 'archive'
        Set-TorrentStorageRoot -Path $folder -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "StorageRootPathNotFound,$script:Cmd.SetTorrentStorageRootCommand"
        Test-Path -LiteralPath $folder | Should -BeFalse

        $root = Set-TorrentStorageRoot -Path $folder -Force -PassThru
        Test-Path -LiteralPath $folder -PathType Container | Should -BeTrue
        $root.Label | Should -Be 'archive'
        $root.Path | Should -Be ([JsTorrent.Adapters.Native.NativeStorageRoots]::Create($folder).Path)
    }

    It 'resolves a relative path from the current location' {
        Push-Location $script:NativeWork
        try {
            $null = New-Item -ItemType Directory -Path 'relative'
            (Set-TorrentStorageRoot -Path ./relative -Label Rel -PassThru).Path | Should -Be ([JsTorrent.Adapters.Native.NativeStorageRoots]::Create((Join-Path $script:NativeWork 'relative')).Path)
        }
        finally { Pop-Location }
    }

    It 'refuses a file with StorageRootPathIsFile' {
        $file = Join-Path $script:NativeWork 'a-file.txt'
        Set-Content -LiteralPath $file -Value 'x'
        Set-TorrentStorageRoot -Path $file -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "StorageRootPathIsFile,$script:Cmd.SetTorrentStorageRootCommand"
    }
}
