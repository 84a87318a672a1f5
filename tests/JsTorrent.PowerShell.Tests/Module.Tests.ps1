# Pester 5 tests of the BUILT module (out/JsTorrent): manifest, import, contents, exports, help, formats.
# Invoke-PesterSuite.ps1 sets $env:JSTORRENT_MODULE_PATH; without it the default build output is used.

BeforeDiscovery {
    $script:ManifestPath = if ($env:JSTORRENT_MODULE_PATH) {
        $env:JSTORRENT_MODULE_PATH
    }
    else {
        Join-Path $PSScriptRoot '../../out/JsTorrent/JsTorrent.psd1'
    }
    $script:ExpectedCmdlets = @(
        (Import-PowerShellDataFile -LiteralPath $script:ManifestPath).CmdletsToExport |
            ForEach-Object { @{ Name = $_ } }
    )
}

Describe 'JsTorrent module (built)' {
    BeforeAll {
        $script:ManifestPath = if ($env:JSTORRENT_MODULE_PATH) {
            $env:JSTORRENT_MODULE_PATH
        }
        else {
            Join-Path $PSScriptRoot '../../out/JsTorrent/JsTorrent.psd1'
        }
        $script:ManifestPath = (Resolve-Path -LiteralPath $script:ManifestPath).ProviderPath
        $script:ModuleDir = Split-Path -Parent $script:ManifestPath
        $script:ManifestData = Import-PowerShellDataFile -LiteralPath $script:ManifestPath

        Get-Module -Name JsTorrent | Remove-Module -Force
        $script:Module = Import-Module -Name $script:ManifestPath -PassThru -Force -ErrorAction Stop
    }

    AfterAll {
        Get-Module -Name JsTorrent | Remove-Module -Force
    }

    Context 'Manifest' {
        It 'passes Test-ModuleManifest' {
            $manifest = Test-ModuleManifest -Path $script:ManifestPath -ErrorAction Stop
            $manifest.Name | Should -Be 'JsTorrent'
            $manifest.Version | Should -Be ([version] '0.1.0')
        }

        It 'targets Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core)' {
            $script:ManifestData.PowerShellVersion | Should -Be '5.1'
            $script:ManifestData.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
            # netstandard2.0 assemblies need the facades that .NET Framework 4.7.2 ships.
            $script:ManifestData.DotNetFrameworkVersion | Should -Be '4.7.2'
        }

        It 'exports an explicit cmdlet list and no functions, aliases or variables' {
            $script:ManifestData.CmdletsToExport | Should -Not -BeNullOrEmpty
            $script:ManifestData.CmdletsToExport | Should -Not -Contain '*'
            @($script:ManifestData.FunctionsToExport).Count | Should -Be 0
            @($script:ManifestData.AliasesToExport).Count | Should -Be 0
            @($script:ManifestData.VariablesToExport).Count | Should -Be 0
        }

        It 'is the same file as JsTorrent.psd1 at the repository root' {
            $source = Join-Path $PSScriptRoot '../../JsTorrent.psd1'
            if (-not (Test-Path -LiteralPath $source)) {
                Set-ItResult -Skipped -Because 'the module under test is not the repository build output'
                return
            }
            (Get-FileHash -LiteralPath $script:ManifestPath).Hash | Should -Be (Get-FileHash -LiteralPath $source).Hash
        }
    }

    Context 'Import' {
        It 'imports from the built module folder' {
            $script:Module | Should -Not -BeNullOrEmpty
            $script:Module.Name | Should -Be 'JsTorrent'
            $script:Module.Version | Should -Be ([version] '0.1.0')
            $script:Module.ModuleBase | Should -Be $script:ModuleDir
        }
    }

    Context 'Module folder' {
        It 'holds the module assemblies' {
            # LiteDB.dll: the adapters' session store (a package dependency, published with them).
            foreach ($dll in 'JsTorrent.PowerShell.dll', 'JsTorrent.Engine.dll', 'JsTorrent.Adapters.dll', 'LiteDB.dll') {
                Join-Path $script:ModuleDir $dll | Should -Exist
            }
        }

        It 'does not ship System.Management.Automation.dll' {
            @(Get-ChildItem -LiteralPath $script:ModuleDir -Recurse -File -Filter 'System.Management.Automation.dll').Count | Should -Be 0
        }

        It 'holds the format file and the about topic' {
            Join-Path $script:ModuleDir 'JsTorrent.Format.ps1xml' | Should -Exist
            Join-Path $script:ModuleDir 'en-US/about_JsTorrent.help.txt' | Should -Exist
        }
    }

    Context 'Exported commands' {
        It 'exports <Name>' -ForEach $ExpectedCmdlets {
            $command = Get-Command -Module JsTorrent -Name $Name -ErrorAction SilentlyContinue
            $command | Should -Not -BeNullOrEmpty -Because "the manifest lists $Name in CmdletsToExport"
            $command.CommandType | Should -Be 'Cmdlet'
        }

        It 'exports nothing that the manifest does not list' {
            $exported = @(Get-Command -Module JsTorrent | ForEach-Object Name)
            foreach ($name in $exported) {
                $script:ManifestData.CmdletsToExport | Should -Contain $name
            }
        }
    }

    Context 'Help' {
        It 'Get-Help finds about_JsTorrent' {
            $help = Get-Help -Name about_JsTorrent -ErrorAction Stop
            $help | Should -Not -BeNullOrEmpty
            ($help | Out-String) | Should -Match 'SHORT DESCRIPTION'
            ($help | Out-String) | Should -Match 'Get-TorrentInfo'
        }
    }

    Context 'Dependency binding for Windows PowerShell 5.1' {
        BeforeAll {
            function Get-AssemblyReference([string] $Path) {
                # Read from the metadata, never loaded: Assembly.LoadFile would put a second copy of the module's
                # assemblies in the process, and later test files would then meet two types of the same name.
                $stream = [System.IO.File]::OpenRead($Path)
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                try {
                    $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                    foreach ($handle in $metadata.AssemblyReferences) { $metadata.GetAssemblyReference($handle).GetAssemblyName() }
                }
                finally {
                    $pe.Dispose()
                    $stream.Dispose()
                }
            }
        }

        It 'ships System.Memory with a System.Buffers reference older than the System.Buffers it ships' {
            # The reason ModuleAssemblyResolver exists: without it .NET Framework cannot bind this pair.
            $wanted = (Get-AssemblyReference (Join-Path $script:ModuleDir 'System.Memory.dll') | Where-Object Name -eq 'System.Buffers').Version
            $shipped = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $script:ModuleDir 'System.Buffers.dll')).Version
            $shipped | Should -BeGreaterThan $wanted
        }

        It 'resolves every dependency reference of the shipped assemblies to a DLL in the module folder' {
            $references = Get-ChildItem -LiteralPath $script:ModuleDir -Filter '*.dll' | ForEach-Object {
                Get-AssemblyReference $_.FullName
            } | Where-Object { Test-Path -LiteralPath (Join-Path $script:ModuleDir "$($_.Name).dll") }
            $references | Should -Not -BeNullOrEmpty
            foreach ($reference in $references) {
                [JsTorrent.PowerShell.ModuleAssemblyResolver]::FindReplacement($reference.FullName, $script:ModuleDir) |
                    Should -Be (Join-Path $script:ModuleDir "$($reference.Name).dll") -Because $reference.FullName
            }
        }

        It 'never steps down to an older version and ignores names it does not ship' {
            $resolver = [JsTorrent.PowerShell.ModuleAssemblyResolver]
            $resolver::FindReplacement('System.Buffers, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51', $script:ModuleDir) | Should -BeNullOrEmpty
            $resolver::FindReplacement('Not.Shipped, Version=1.0.0.0', $script:ModuleDir) | Should -BeNullOrEmpty
            $resolver::FindReplacement('..\..\evil', $script:ModuleDir) | Should -BeNullOrEmpty
            $resolver::FindReplacement('../System.Memory', $script:ModuleDir) | Should -BeNullOrEmpty
            $resolver::FindReplacement('not an assembly name,,,', $script:ModuleDir) | Should -BeNullOrEmpty
        }

        It 'is dormant on PowerShell 7' {
            [JsTorrent.PowerShell.ModuleAssemblyResolver]::IsNeeded | Should -Be ($PSVersionTable.PSEdition -eq 'Desktop')
        }
    }

    Context 'Formats' {
        BeforeAll {
            # A one-file, one-piece torrent of 70000 bytes, bencoded by hand.
            $script:TorrentPath = Join-Path ([System.IO.Path]::GetTempPath()) ("jst-format-" + [guid]::NewGuid().ToString('N') + '.torrent')
            $ascii = [System.Text.Encoding]::ASCII
            $bytes = [System.Collections.Generic.List[byte]]::new()
            $bytes.AddRange($ascii.GetBytes('d7:comment4:test4:infod6:lengthi70000e4:name5:a.txt12:piece lengthi131072e6:pieces20:'))
            $bytes.AddRange([byte[]]::new(20))
            $bytes.AddRange($ascii.GetBytes('ee'))
            [System.IO.File]::WriteAllBytes($script:TorrentPath, $bytes.ToArray())
            $script:Info = Get-TorrentInfo -LiteralPath $script:TorrentPath
        }

        AfterAll {
            Remove-Item -LiteralPath $script:TorrentPath -Force
        }

        It 'registers a table view and a list view for <TypeName>' -ForEach @(
            @{ TypeName = 'JsTorrent.TorrentInfo' }
            @{ TypeName = 'JsTorrent.TorrentInfoFile' }
        ) {
            $views = @((Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition)
            $controls = @($views | ForEach-Object { $_.Control.GetType().Name })
            $controls | Should -Contain 'TableControl'
            $controls | Should -Contain 'ListControl'
        }

        It 'formats a TorrentInfo as a table with a readable size' {
            $text = $script:Info | Out-String -Width 200
            $text | Should -Match 'InfoHash'
            $text | Should -Match 'a\.txt'
            $text | Should -Match '68\.4 KiB'
            $text | Should -Match '1 x 128K'
            $text | Should -Match $script:Info.InfoHash
        }

        It 'formats a TorrentInfo as a list' {
            $text = $script:Info | Format-List | Out-String -Width 200
            $text | Should -Match 'FileCount\s+:\s+1'
            $text | Should -Match 'Comment\s+:\s+test'
            $text | Should -Match 'MagnetUri\s+:\s+magnet:'
        }

        It 'formats the file list as a table' {
            $text = $script:Info.Files | Out-String -Width 200
            $text | Should -Match 'a\.txt'
            $text | Should -Match '68\.4 KiB'
        }

        It 'keeps numeric properties numeric' {
            $script:Info.Size | Should -BeOfType ([long])
            $script:Info.Size | Should -Be 70000
        }
    }
}
