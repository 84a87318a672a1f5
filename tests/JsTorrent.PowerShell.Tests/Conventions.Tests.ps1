# Cmdlet conventions every exported cmdlet of the built module follows (the module conventions note):
# approved verbs, [OutputType], ShouldProcess on whatever changes state, -PassThru on lifecycle cmdlets,
# and pipeline input on the cmdlets that act on torrents.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile -LiteralPath (Get-TestModulePath)
    $script:Cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    $script:Changing = @($manifest.CmdletsToExport | Where-Object { ($_ -split '-')[0] -in 'Add', 'New', 'Remove', 'Set', 'Start', 'Stop', 'Suspend', 'Resume', 'Test' } |
            ForEach-Object { @{ Name = $_ } })
    $script:Lifecycle = @('Remove-Torrent', 'Suspend-Torrent', 'Resume-Torrent', 'Set-TorrentFile' | ForEach-Object { @{ Name = $_ } })
    $script:OnTorrents = @('Remove-Torrent', 'Suspend-Torrent', 'Resume-Torrent', 'Wait-Torrent', 'Test-Torrent', 'Get-TorrentFile', 'Get-TorrentPeer' |
            ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -ErrorAction Stop
    $script:Approved = @(Get-Verb | ForEach-Object Verb)
}

Describe 'Cmdlet conventions' {
    It '<Name> uses an approved verb, has [OutputType] and a JsTorrent noun' -ForEach $Cmdlets {
        $command = Get-Command -Name $Name -Module JsTorrent -ErrorAction Stop
        $command.Verb | Should -BeIn $Approved
        $command.Noun | Should -BeLike 'Torrent*'
        $command.OutputType | Should -Not -BeNullOrEmpty
    }

    It '<Name> supports -WhatIf and -Confirm' -ForEach $Changing {
        $parameters = (Get-Command -Name $Name -Module JsTorrent).Parameters.Keys
        $parameters | Should -Contain 'WhatIf'
        $parameters | Should -Contain 'Confirm'
    }

    It '<Name> has -PassThru' -ForEach $Lifecycle {
        (Get-Command -Name $Name -Module JsTorrent).Parameters.Keys | Should -Contain 'PassThru'
    }

    It '<Name> takes torrents from the pipeline by value and by InfoHash property' -ForEach $OnTorrents {
        $parameters = (Get-Command -Name $Name -Module JsTorrent).Parameters
        $byValue = $parameters['InputObject'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipeline }
        $byValue | Should -Not -BeNullOrEmpty
        $parameters['InputObject'].ParameterType | Should -Be ([JsTorrent.Torrent[]])
        $byName = $parameters['InfoHash'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }
        $byName | Should -Not -BeNullOrEmpty
    }
}
