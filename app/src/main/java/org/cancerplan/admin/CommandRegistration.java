package org.cancerplan.admin;

import java.lang.reflect.Method;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.support.CommandFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Registers the {@code @Command} methods of every {@link CommandSet} with the shell.
 * (Spring Shell 4.0.1 finds annotated commands only through {@code @EnableCommand}, which
 * switches its auto-configuration off.)
 */
@Component
@Profile("admin")
class CommandRegistration implements SmartInitializingSingleton {

    private final ApplicationContext context;

    private final CommandRegistry registry;

    CommandRegistration(ApplicationContext context, CommandRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Object commands : context.getBeansOfType(CommandSet.class).values()) {
            for (Method method : MethodIntrospector.selectMethods(AopUtils.getTargetClass(commands),
                    (Method m) -> AnnotatedElementUtils.hasAnnotation(m, Command.class))) {
                CommandFactoryBean factory = new CommandFactoryBean(method);
                factory.setApplicationContext(context);
                registry.registerCommand(factory.getObject());
            }
        }
    }

}
