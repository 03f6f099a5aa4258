package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.karafimages.api.SkillCatalog;
import io.karafimages.api.SkillInfo;

@Command(scope = "images", name = "skills", description = "Lists the installed skills")
@Service
public class SkillsCommand implements Action {
    @Reference
    SkillCatalog skills;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Title");
        table.column("Async");
        table.column("Cost (USD)");
        table.column("Providers");
        for (SkillInfo s : skills.skills()) {
            table.addRow().addContent(s.id(), s.title(), s.async(), s.cost().usd(), String.join(",", s.providers()));
        }
        table.print(System.out);
        return null;
    }
}
