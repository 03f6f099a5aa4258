package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.karafimages.api.Task;
import io.karafimages.api.TaskService;

@Command(scope = "images", name = "tasks", description = "Lists the newest tasks of all users")
@Service
public class TasksCommand implements Action {
    @Option(name = "-n", description = "How many tasks to show")
    int limit = 20;

    @Reference
    TaskService tasks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] { "Task", "Skill", "Status", "Progress", "Created", "Error" }) {
            table.column(c);
        }
        for (Task t : tasks.recent(limit)) {
            table.addRow().addContent(t.taskId(), t.skill(), t.status().wireName(),
                    Math.round(t.progress() * 100) + "%", t.createdAt(),
                    t.errorIfAny().map(e -> e.code()).orElse(""));
        }
        table.print(System.out);
        return null;
    }
}
